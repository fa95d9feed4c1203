package org.classbot.bridge.rosbridge;

import java.time.Duration;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.ServedSimContract;

/**
 * The bridge contract over rosbridge: the simulator joins through the test rosbridge server as a
 * ROS 2 robot would (odometry out, commands in) and the agent bridge drives it through the same
 * server, every message checked against its type by the server; both ends find the dialect
 * themselves. Link loss: the server crashes and restarts; stalled odometry: the served simulator
 * freezes.
 */
class RosbridgeContractTest extends ServedSimContract {

    private RosbridgeTestServer server;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(10);
    }

    /** How the test server behaves: ROS 2 with status replies here; ROS 1 as the real one in the subclass. */
    protected RosbridgeTestServer.Options serverOptions() {
        return RosbridgeTestServer.Options.ros2();
    }

    /** The server crashes (no close handshake) and comes back on the same port. */
    @Override
    protected void cutLink() {
        server.stop();
    }

    @Override
    protected void restoreLink() throws Exception {
        server.restart();
    }

    @Override
    protected ConnectionSpec startPeer() throws Exception {
        server = RosbridgeTestServer.start(serverOptions());
        return ConnectionSpec.builder("rosbridge").endpoint(server.url()).build();
    }

    @Override
    protected void stopPeer() {
        if (server != null) {
            server.close();
        }
    }
}
