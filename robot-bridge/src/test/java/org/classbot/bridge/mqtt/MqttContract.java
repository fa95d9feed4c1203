package org.classbot.bridge.mqtt;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;
import org.classbot.bridge.StallableRobot;
import org.classbot.bridge.safety.SafetyLimits;

/**
 * The bridge contract over MQTT, shared by the Mosquitto and the embedded Moquette runs: for each
 * test a governed simulator served on the broker ({@link MqttRig.RobotSide}) and an agent bridge on
 * the same robot id; stalled odometry freezes the served simulator. A subclass names the broker.
 */
abstract class MqttContract extends RobotBridgeContract {

    private MqttRig.RobotSide robotSide;

    /** The transport both ends use (its environment carries the broker's credentials). */
    protected abstract MqttTransport transport();

    /** A spec for the broker with a robot id not used before. */
    protected abstract ConnectionSpec nextSpec();

    @Override
    protected final RobotBridge connect() {
        ConnectionSpec spec = nextSpec();
        MqttTransport transport = transport();
        robotSide = new MqttRig.RobotSide(transport, spec, SafetyLimits.defaults());
        return transport.connect(spec);
    }

    @Override
    protected StallableRobot stallableRobot() {
        return robotSide.stallable;
    }

    @Override
    protected void disconnectPeers() {
        if (robotSide != null) {
            robotSide.close();
        }
    }
}
