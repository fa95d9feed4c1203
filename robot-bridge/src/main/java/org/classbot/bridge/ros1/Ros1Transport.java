package org.classbot.bridge.ros1;

import java.io.IOException;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.Transport;

/**
 * Profile {@code ros1}: native ROS 1 (master XML-RPC + TCPROS), no ROS installation needed in the
 * JVM. {@code connect} is the agent side ({@link Ros1Bridge}); {@code serve} puts a local robot (the
 * simulator) on the ROS graph as a base that takes {@code /cmd_vel} and publishes {@code /odom}.
 */
public final class Ros1Transport implements Transport {

    @Override
    public String profile() {
        return "ros1";
    }

    /** {@code ros.host}, {@code ros.bind}, {@code ros.node_name}: "" = from ROS_IP / ROS_HOSTNAME, the host, /classbot_ROBOT_PID. */
    @Override
    public java.util.Map<String, String> options() {
        return java.util.Map.of("ros.host", "", "ros.bind", "", "ros.node_name", "", "ros.master_poll_ms", "1000",
                "ros.odom_timeout_ms", "1000", "ros.odom_period_ms", "100");
    }

    /** @throws RobotBridgeException saying which master could not be reached and how to fix it */
    @Override
    public RobotBridge connect(ConnectionSpec spec) {
        try {
            return Ros1Bridge.connect(spec, System.getenv());
        } catch (IOException e) {
            throw new RobotBridgeException(e.getMessage(), e);
        }
    }

    @Override
    public AutoCloseable serve(RobotBridge localRobot, ConnectionSpec spec) {
        try {
            return Ros1RobotServer.start(localRobot, spec, System.getenv());
        } catch (IOException e) {
            throw new RobotBridgeException(e.getMessage(), e);
        }
    }
}
