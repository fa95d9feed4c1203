package org.classbot.bridge.rosbridge;

import java.time.Duration;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.ServedSimContract;

/**
 * The bridge contract over rosbridge: the simulator joins through the test rosbridge server as a
 * ROS 2 robot would (odometry out, commands in) and the agent bridge drives it through the same
 * server, every message checked against its ROS 2 type by the server.
 */
class RosbridgeContractTest extends ServedSimContract {

    private RosbridgeTestServer server;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(10);
    }

    @Override
    protected ConnectionSpec startPeer() throws Exception {
        server = RosbridgeTestServer.start();
        return ConnectionSpec.builder("rosbridge").rosbridgeUrl(server.url()).build();
    }

    @Override
    protected void stopPeer() {
        if (server != null) {
            server.close();
        }
    }
}
