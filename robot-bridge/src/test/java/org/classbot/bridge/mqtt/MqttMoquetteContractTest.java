package org.classbot.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;
import org.classbot.bridge.safety.SafetyLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No --mqtt-url: the first side that needs a broker starts the embedded Moquette on loopback, the
 * other finds it. The MQTT bridge passes the contract there too.
 */
class MqttMoquetteContractTest extends RobotBridgeContract {

    private static int port;
    private static int n;
    private MqttRig.RobotSide robotSide;

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
    protected RobotBridge connect() {
        ConnectionSpec spec = spec("moq" + (++n));
        MqttTransport anonymous = new MqttTransport(k -> null);
        robotSide = new MqttRig.RobotSide(anonymous, spec, SafetyLimits.defaults());
        return anonymous.connect(spec);
    }

    @Override
    protected void disconnectPeers() {
        if (robotSide != null) {
            robotSide.close();
        }
    }

    @Test
    void should_run_the_embedded_broker_on_loopback_only() {
        assertThat(EmbeddedBroker.listening(port)).isTrue();
        assertThat(MqttTransport.brokerUrl(spec("x")).toString()).isEqualTo("tcp://127.0.0.1:" + port);
        assertThat(MqttRobots.list(spec("x"), java.time.Duration.ofMillis(300), k -> null))
                .extracting(RobotStatus::robot).contains("moq" + n);
    }
}
