package org.classbot.bridge.ros1;

import java.time.Duration;
import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;

/** The bridge contract over ROS 1 against a real rosmaster and the rospy unicycle base. */
class Ros1RospyContractTest extends RobotBridgeContract {

    private RosPeers ros;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Override
    protected RobotBridge connect() throws Exception {
        ros = RosPeers.start();
        ros.python("unicycle.py");
        return Ros1Bridge.connect(ConnectionSpec.builder("ros1").rosMaster(ros.masterUri()).build(), Map.of());
    }

    @Override
    protected void disconnectPeers() {
        if (ros != null) {
            ros.close();
        }
    }
}
