package org.classbot.bridge.ros1;

import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;

/** The bridge contract over ROS 1 against a real rosmaster and the rospy unicycle base. */
class Ros1RospyContractTest extends Ros1Contract {

    private RosPeers.Peer unicycle;

    @Override
    protected RobotBridge connect(RosPeers ros) throws Exception {
        unicycle = ros.python("unicycle.py");
        return Ros1Bridge.connect(ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build(), Map.of());
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
}
