package org.classbot.bridge.ros1;

import java.time.Duration;
import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;

/** The bridge contract over ROS 1 against a real rosmaster and the rospy unicycle base. */
class Ros1RospyContractTest extends RobotBridgeContract {

    private RosPeers ros;
    private RosPeers.Peer unicycle;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Override
    protected RobotBridge connect() throws Exception {
        ros = RosPeers.start();
        unicycle = ros.python("unicycle.py");
        return Ros1Bridge.connect(ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build(), Map.of());
    }

    /** The master crashes and a fresh one starts on the same port (the nodes' TCP links stay). */
    @Override
    protected void cutLink() {
        ros.killMaster();
    }

    @Override
    protected void restoreLink() throws Exception {
        ros.startMaster();
    }

    /** SIGSTOP: the rospy robot freezes, its connections stay open, only its odometry stops. */
    @Override
    protected void stallOdometry() throws Exception {
        signal("-STOP");
    }

    @Override
    protected void resumeOdometry() throws Exception {
        signal("-CONT");
    }

    private void signal(String sig) throws Exception {
        new ProcessBuilder("kill", sig, Long.toString(unicycle.process.pid())).start().waitFor();
    }

    @Override
    protected void disconnectPeers() {
        if (ros != null) {
            ros.close();
        }
    }
}
