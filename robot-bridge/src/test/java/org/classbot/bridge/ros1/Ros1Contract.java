package org.classbot.bridge.ros1;

import java.time.Duration;

import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;

/**
 * The bridge contract over ROS 1 behind a real rosmaster started for each test (registration is
 * slow on a loaded machine: 15 s patience). Link loss: the master crashes and a fresh one starts on
 * the same port (the nodes' TCP links stay; both ends register again). A subclass puts the robot on
 * the master and connects the agent bridge.
 */
abstract class Ros1Contract extends RobotBridgeContract {

    protected RosPeers ros;

    /** Starts the robot side on the running master; returns the agent bridge. */
    protected abstract RobotBridge connect(RosPeers ros) throws Exception;

    /** Stops the robot side, before the master; also when connecting failed half-way. */
    protected void stopRobot() throws Exception {
    }

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Override
    protected final RobotBridge connect() throws Exception {
        ros = RosPeers.start();
        return connect(ros);
    }

    @Override
    protected void cutLink() {
        ros.killMaster();
    }

    @Override
    protected void restoreLink() throws Exception {
        ros.startMaster();
    }

    @Override
    protected final void disconnectPeers() throws Exception {
        try {
            stopRobot();
        } finally {
            if (ros != null) {
                ros.close();
            }
        }
    }
}
