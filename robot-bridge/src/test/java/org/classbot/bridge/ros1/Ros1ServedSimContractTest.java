package org.classbot.bridge.ros1;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.ServedSim;
import org.classbot.bridge.StallableRobot;

/**
 * The bridge contract over ROS 1 with ClassBot on both ends, as {@code classbot sim --profile ros1}
 * and {@code classbot run --profile ros1} run it: the simulator served on a real rosmaster, an agent
 * bridge connected through the master.
 */
class Ros1ServedSimContractTest extends Ros1Contract {

    private ServedSim served;

    @Override
    protected RobotBridge connect(RosPeers ros) {
        served = ServedSim.serve(ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build());
        return served.connectAgent();
    }

    @Override
    protected StallableRobot stallableRobot() {
        return served.stallable();
    }

    @Override
    protected void stopRobot() throws Exception {
        if (served != null) {
            served.close();
        }
    }
}
