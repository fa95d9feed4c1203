package org.classbot.bridge.ros1;

import java.time.Duration;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;
import org.classbot.bridge.Transport;
import org.classbot.bridge.Transports;

/**
 * The bridge contract over ROS 1 with ClassBot on both ends, as {@code classbot sim --profile ros1}
 * and {@code classbot run --profile ros1} run it: the simulator served on a real rosmaster, an agent
 * bridge connected through the master. Both ends come from the {@code ros1} profile's ServiceLoader
 * registration.
 */
class Ros1ServedSimContractTest extends RobotBridgeContract {

    private RosPeers ros;
    private RobotBridge sim;
    private AutoCloseable served;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Override
    protected RobotBridge connect() throws Exception {
        ros = RosPeers.start();
        ConnectionSpec spec = ConnectionSpec.builder("ros1").rosMaster(ros.masterUri()).build();
        sim = Transports.forProfile("sim").connect(ConnectionSpec.builder("sim").build());
        Transport ros1 = Transports.forProfile("ros1");
        served = ros1.serve(sim, spec);
        return ros1.connect(spec);
    }

    @Override
    protected void disconnectPeers() throws Exception {
        try {
            if (served != null) {
                served.close();
            }
            if (sim != null) {
                sim.close();
            }
        } finally {
            if (ros != null) {
                ros.close();
            }
        }
    }
}
