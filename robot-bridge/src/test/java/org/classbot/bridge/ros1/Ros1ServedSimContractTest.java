package org.classbot.bridge.ros1;

import java.time.Duration;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.ServedSimContract;

/**
 * The bridge contract over ROS 1 with ClassBot on both ends, as {@code classbot sim --profile ros1}
 * and {@code classbot run --profile ros1} run it: the simulator served on a real rosmaster, an agent
 * bridge connected through the master.
 */
class Ros1ServedSimContractTest extends ServedSimContract {

    private RosPeers ros;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    @Override
    protected ConnectionSpec startPeer() throws Exception {
        ros = RosPeers.start();
        return ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build();
    }

    /** The master crashes and a fresh one starts on the same port; both nodes register again. */
    @Override
    protected void cutLink() {
        ros.killMaster();
    }

    @Override
    protected void restoreLink() throws Exception {
        ros.startMaster();
    }

    @Override
    protected void stopPeer() {
        if (ros != null) {
            ros.close();
        }
    }
}
