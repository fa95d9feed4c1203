package org.classbot.bridge.rosbridge;

import java.io.IOException;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.Transport;

/**
 * Profile {@code rosbridge}: ROS 2 (or ROS 1) robots and Gazebo through a rosbridge v2 server
 * (JSON over WebSocket). See {@link RosbridgeSettings} for the options.
 */
public final class RosbridgeTransport implements Transport {

    @Override
    public String profile() {
        return "rosbridge";
    }

    @Override
    public java.util.Map<String, String> options() {
        return RosbridgeSettings.OPTIONS;
    }

    /** @throws RobotBridgeException naming the URL and the fix when rosbridge cannot be reached */
    @Override
    public RobotBridge connect(ConnectionSpec spec) {
        try {
            return RosbridgeBridge.connect(spec);
        } catch (IOException e) {
            throw new RobotBridgeException(e.getMessage(), e);
        }
    }

    @Override
    public AutoCloseable serve(RobotBridge localRobot, ConnectionSpec spec) {
        try {
            return RosbridgeRobotServer.start(localRobot, spec);
        } catch (IOException e) {
            throw new RobotBridgeException(e.getMessage(), e);
        }
    }
}
