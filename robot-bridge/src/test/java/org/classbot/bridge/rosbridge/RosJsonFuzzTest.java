package org.classbot.bridge.rosbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.classbot.bridge.FuzzJson;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;

/**
 * Issue 9: what a rosbridge server (or anyone on its port) sends — twists on the robot side, odometry on the agent
 * side — over random and mutated JSON in both dialects: either read as finite numbers or refused with a
 * {@link MessageException} that says what is wrong; never another exception (which would kill a handler).
 * Fixed seed ({@code -Dclassbot.seed=N} to explore).
 */
class RosJsonFuzzTest {

    private static final long SEED = Long.getLong("classbot.seed", 20261206L);

    @Test
    void should_read_or_refuse_every_random_and_mutated_message_with_a_clear_error() throws Exception {
        Random r = new Random(SEED);
        RosOdometry good = new RosOdometry(7, Instant.ofEpochSecond(1_700_000_000L, 5), "odom", "base_link", 1.0, -0.5, 0,
                0, 0, 0.7071, 0.7071, new RosTwist(0.2, 0, 0, 0, 0, 0.1));
        String[] valid = {
                RosJson.odometry(RosJson.Dialect.ROS1, good).toString(),
                RosJson.odometry(RosJson.Dialect.ROS2, good).toString(),
                RosJson.twist(new RosTwist(0.2, 0, 0, 0, 0, -0.3)).toString(),
                RosJson.twistStamped(RosJson.Dialect.ROS2, new RosTwist(0.1, 0, 0, 0, 0, 0.2), Instant.now(), "base_link", 3).toString()};
        int tried = 0, read = 0, refused = 0;
        for (int i = 0; i < 3000; i++) {
            String text = i % 2 == 0 ? FuzzJson.randomJson(r, 0) : FuzzJson.mutate(r, valid[r.nextInt(valid.length)]);
            JsonNode msg;
            try {
                msg = Messages.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (MessageException e) {
                refused++;
                tried++;
                continue;
            }
            tried++;
            try {
                RosOdometry o = RosJson.readOdometry(msg);
                assertThat(Double.isFinite(o.x()) && Double.isFinite(o.y())).as(text).isTrue();
                read++;
            } catch (MessageException e) {
                assertThat(e.getMessage()).as(text).isNotBlank();
                refused++;
            }
            try {
                org.classbot.bridge.Twist t = RosJson.readTwist(msg);
                assertThat(Double.isFinite(t.linear()) && Double.isFinite(t.angular())).as(text).isTrue();
            } catch (MessageException e) {
                assertThat(e.getMessage()).as(text).isNotBlank();
            }
        }
        System.out.printf("rosbridge message fuzz (seed %d): %d messages, %d odometry read, %d refused with a reason, 0 other exceptions%n",
                SEED, tried, read, refused);
        assertThat(tried).isEqualTo(3000);
    }
}
