package org.classbot.bridge.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;
import org.classbot.bridge.safety.SafetyLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MQTT bridge passes the transport contract against a real Mosquitto and a served simulator. */
class MqttMosquittoContractTest extends RobotBridgeContract {

    private static MosquittoProcess broker;
    private static int n;
    private MqttRig.RobotSide robotSide;

    @BeforeAll
    static void startBroker() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian mosquitto is not installed (/usr/sbin/mosquitto); skipping");
        broker = MosquittoProcess.start(MqttRig.USER, MqttRig.PASSWORD);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected RobotBridge connect() {
        ConnectionSpec spec = MqttRig.spec(broker.url(), "contract" + (++n));
        robotSide = new MqttRig.RobotSide(MqttRig.transport(), spec, SafetyLimits.defaults());
        return MqttRig.transport().connect(spec);
    }

    @Override
    protected void disconnectPeers() {
        if (robotSide != null) {
            robotSide.close();
        }
    }
}
