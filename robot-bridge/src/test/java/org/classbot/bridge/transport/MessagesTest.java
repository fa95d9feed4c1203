package org.classbot.bridge.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.classbot.bridge.Pose;
import org.classbot.bridge.Twist;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_write_the_design_command_shape_and_read_it_back() throws Exception {
        String json = new String(Messages.bytes(Messages.command(new Twist(0.25, -0.5), 1764350000123L)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"linear\":{\"x\":0.25},\"angular\":{\"z\":-0.5},\"ts\":1764350000123}");
        assertThat(Messages.readTwist(Messages.parse(b(json)))).isEqualTo(new Twist(0.25, -0.5));
    }

    @Test
    void should_read_a_full_ros_twist_ignoring_the_other_axes() throws Exception {
        String ros = "{\"linear\":{\"x\":0.1,\"y\":0.0,\"z\":0.0},\"angular\":{\"x\":0.0,\"y\":0.0,\"z\":0.3}}";
        assertThat(Messages.readTwist(Messages.parse(b(ros)))).isEqualTo(new Twist(0.1, 0.3));
    }

    @Test
    void should_round_trip_odometry() throws Exception {
        Messages.Odometry o = new Messages.Odometry(new Pose(1.5, -0.25, 3.0), new Twist(0.2, 0.1), 42L);
        String json = new String(Messages.bytes(Messages.odometry(o)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"x\":1.5,\"y\":-0.25,\"theta\":3.0,\"v\":0.2,\"w\":0.1,\"ts\":42}");
        assertThat(Messages.readOdometry(Messages.parse(b(json)))).isEqualTo(o);
    }

    @Test
    void should_say_what_is_wrong_with_a_bad_message() {
        assertThatThrownBy(() -> Messages.parse(b("{\"linear\":"))).isInstanceOf(MessageException.class).hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> Messages.parse(b(""))).isInstanceOf(MessageException.class);
        assertThatThrownBy(() -> Messages.parse(b("{} {}"))).isInstanceOf(MessageException.class);
        assertThatThrownBy(() -> Messages.parse(b("{\"linear\":{\"x\":NaN}}"))).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Messages.readTwist(Messages.parse(b("[1,2]")))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> Messages.readTwist(Messages.parse(b("{\"linear\":{\"x\":0.1}}")))).hasMessageContaining("angular.z");
        assertThatThrownBy(() -> Messages.readTwist(Messages.parse(b("{\"linear\":{\"x\":\"0.1\"},\"angular\":{\"z\":0}}"))))
                .hasMessageContaining("'linear.x' must be a finite number");
        assertThatThrownBy(() -> Messages.readTwist(Messages.parse(b("{\"linear\":{\"x\":1e999},\"angular\":{\"z\":0}}"))))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> Messages.readOdometry(Messages.parse(b("{\"x\":1,\"y\":2}")))).hasMessageContaining("theta");
    }
}
