package org.classbot.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.safety.SafetyLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No --mqtt-url: the first side that needs a broker starts the embedded Moquette on loopback, the
 * other finds it. The MQTT bridge passes the contract there too.
 */
class MqttMoquetteContractTest extends MqttContract {

    private static int port;
    private static int n;
    /** Robot ids unique to this run, so that two builds meeting on one broker never share a client id. */
    private static final String RUN = "moq" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";

    @BeforeAll
    static void pickPort() throws Exception {
        port = MosquittoProcess.freePort();
    }

    @AfterAll
    static void stopBroker() {
        EmbeddedBroker.stop();
    }

    private static ConnectionSpec spec(String robot) {
        return ConnectionSpec.builder("mqtt").robotId(robot).options(Map.of("mqtt.embedded_port", Integer.toString(port))).build();
    }

    @Override
    protected MqttTransport transport() {
        return new MqttTransport(k -> null);
    }

    @Override
    protected ConnectionSpec nextSpec() {
        return spec(RUN + (++n));
    }

    @Test
    void should_run_the_embedded_broker_on_loopback_only() {
        assertThat(EmbeddedBroker.listening(port)).isTrue();
        assertThat(MqttTransport.brokerUrl(spec("x")).toString()).isEqualTo("tcp://127.0.0.1:" + port);
        assertThat(MqttRobots.list(spec("x"), java.time.Duration.ofMillis(300), k -> null))
                .extracting(RobotStatus::robot).contains(RUN + n);
    }

    @Test
    void should_let_the_newer_of_two_processes_serving_one_robot_id_give_way_with_a_clear_line() {
        ConnectionSpec spec = spec(RUN + "dup");
        MqttTransport anonymous = new MqttTransport(k -> null);
        try (MqttRig.RobotSide first = new MqttRig.RobotSide(anonymous, spec, SafetyLimits.defaults())) {
            MqttRig.RobotSide second;
            try {
                second = new MqttRig.RobotSide(anonymous, spec, SafetyLimits.defaults());
            } catch (RobotBridgeException e) {
                // kicked mid-subscribe by the first one's reconnect: refused with the clear line
                assertThat(e.getMessage()).contains("another ClassBot process serving the same robot id", "机器人编号");
                assertThat(eventually(() -> first.server.linkUp())).isTrue();
                return;
            }
            try (MqttRig.RobotSide both = second) {
                assertThat(eventually(() -> first.server.takenOver() != both.server.takenOver())).as("one gave way").isTrue();
                MqttRig.RobotSide survivor = first.server.takenOver() ? both : first;
                MqttRig.RobotSide yielded = first.server.takenOver() ? first : both;
                assertThat(eventually(() -> survivor.server.linkUp())).as("the survivor is online").isTrue();
                assertThat(yielded.server.linkUp()).isFalse();
                // no reconnect fight: an agent reaches the survivor
                try (RobotBridge agent = anonymous.connect(spec)) {
                    assertThat(eventually(() -> agent.state().connected())).isTrue();
                    assertThat(survivor.server.takenOver()).isFalse();
                }
            }
        }
    }
}
