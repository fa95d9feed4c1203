package org.classbot.bridge.rosbridge;

/**
 * The same contract against the test server behaving as the real ROS 1 rosbridge_server
 * (rosbridge_suite ros1): ROS 1 type names only, refused ops only logged, no rosapi. Both ends must
 * find the dialect by the probe and link up through odometry alone.
 */
class RosbridgeRos1ContractTest extends RosbridgeContractTest {

    @Override
    protected RosbridgeTestServer.Options serverOptions() {
        return RosbridgeTestServer.Options.realRos1();
    }
}
