package org.classbot.bridge.mqtt;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;
import org.classbot.bridge.safety.SafetyLimits;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MQTT bridge passes the transport contract against a real Mosquitto and a served simulator. */
class MqttMosquittoContractTest extends RobotBridgeContract {

    @RegisterExtension
    static final MosquittoBroker mosquitto = new MosquittoBroker();

    private MqttRig.RobotSide robotSide;

    @Override
    protected RobotBridge connect() {
        ConnectionSpec spec = mosquitto.spec("contract");
        robotSide = new MqttRig.RobotSide(MqttRig.transport(), spec, SafetyLimits.defaults());
        return MqttRig.transport().connect(spec);
    }

    /** The broker is killed (SIGKILL: no clean goodbye) and started again on the same port. */
    @Override
    protected void cutLink() throws Exception {
        mosquitto.process().stop(true);
    }

    @Override
    protected void restoreLink() throws Exception {
        mosquitto.process().restart();
    }

    @Override
    protected void stallOdometry() {
        robotSide.stallable.stall();
    }

    @Override
    protected void resumeOdometry() {
        robotSide.stallable.resume();
    }

    @Override
    protected void disconnectPeers() {
        if (robotSide != null) {
            robotSide.close();
        }
    }
}
