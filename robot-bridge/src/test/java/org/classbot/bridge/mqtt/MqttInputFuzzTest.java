package org.classbot.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.FuzzJson;
import org.classbot.bridge.Twist;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 9: random and mutated JSON on the robot's command topic, through a real Mosquitto into the robot side.
 * Every payload is either rejected with a reason (counted) or is a valid twist, which the robot's own governor
 * clamps to its limits; the robot never goes faster than its limits, nothing crashes, and afterwards the robot
 * side still obeys a valid command and stops on its watchdog. Fixed seed (set {@code -Dclassbot.seed=N} to explore).
 */
class MqttInputFuzzTest extends MosquittoTestSupport {

    private static final long SEED = Long.getLong("classbot.seed", 20261206L);

    @Test
    void should_reject_random_and_mutated_commands_and_never_exceed_the_limits() throws Exception {
        ConnectionSpec spec = spec("fuzz");
        SafetyLimits limits = SafetyLimits.builder().maxLinear(0.25).maxAngular(0.5).build();
        MqttRig.RobotSide robot = keep(new MqttRig.RobotSide(MqttRig.transport(), spec, limits));
        AtomicReference<double[]> fastest = new AtomicReference<>(new double[2]);
        robot.sim.subscribe(s -> fastest.updateAndGet(m -> new double[] {
                Math.max(m[0], Math.abs(s.velocity().linear())), Math.max(m[1], Math.abs(s.velocity().angular()))}));
        Random r = new Random(SEED);
        String topic = new MqttTopics(spec.robotId()).cmdVel();
        int sent = 0, valid = 0;
        MqttClient raw = new MqttClient(broker().url().toString(), "test-fuzz-" + System.nanoTime(),
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        o.setUserName(MqttRig.USER);
        o.setPassword(MqttRig.PASSWORD.toCharArray());
        o.setMaxInflight(2000);
        raw.connect(o);
        try {
            for (int i = 0; i < 1500; i++) {
                byte[] payload = switch (i % 3) {
                    case 0 -> FuzzJson.randomBytes(r);
                    case 1 -> FuzzJson.randomJson(r, 0).getBytes(StandardCharsets.UTF_8);
                    default -> FuzzJson.mutate(r, "{\"linear\":{\"x\":" + (r.nextDouble() * 4 - 2) + "},\"angular\":{\"z\":"
                            + (r.nextDouble() * 8 - 4) + "}}").getBytes(StandardCharsets.UTF_8);
                };
                if (isValid(payload)) {
                    valid++;
                }
                raw.publish(topic, payload, 1, false);
                sent++;
            }
            int total = sent;
            assertThat(eventually(() -> robot.server.acceptedCommands() + robot.server.rejectedCommands() >= total))
                    .as("every payload was handled: accepted %d + rejected %d of %d", robot.server.acceptedCommands(),
                            robot.server.rejectedCommands(), total).isTrue();
            LoggerFactory.getLogger(MqttInputFuzzTest.class).info(
                    "mqtt fuzz (seed {}): {} payloads, {} valid twists by the message rules, accepted {}, rejected {}, fastest |v| {} m/s |w| {} rad/s",
                    SEED, sent, valid, robot.server.acceptedCommands(), robot.server.rejectedCommands(), fastest.get()[0], fastest.get()[1]);
            assertThat(robot.server.acceptedCommands()).as("only valid twists reach the robot").isLessThanOrEqualTo(valid);
            assertThat(robot.server.rejectedCommands()).isGreaterThanOrEqualTo(sent - valid);
            assertThat(fastest.get()[0]).as("linear speed stays within the robot's limit").isLessThanOrEqualTo(0.25 + 1e-9);
            assertThat(fastest.get()[1]).as("turn rate stays within the robot's limit").isLessThanOrEqualTo(0.5 + 1e-9);

            // still alive: a valid command moves it, and the watchdog stops it again
            for (int i = 0; i < 5; i++) {
                raw.publish(topic, "{\"linear\":{\"x\":0.2},\"angular\":{\"z\":0}}".getBytes(StandardCharsets.UTF_8), 1, false);
            }
            assertThat(eventually(() -> robot.sim.state().velocity().linear() > 0)).isTrue();
            assertThat(eventually(() -> robot.sim.state().velocity().linear() == 0)).as("stopped on its watchdog").isTrue();
        } finally {
            raw.disconnect();
            raw.close();
        }
    }

    private static boolean isValid(byte[] payload) {
        try {
            Twist t = Messages.readTwist(Messages.parse(payload));
            return Double.isFinite(t.linear()) && Double.isFinite(t.angular());
        } catch (MessageException e) {
            return false;
        }
    }

}
