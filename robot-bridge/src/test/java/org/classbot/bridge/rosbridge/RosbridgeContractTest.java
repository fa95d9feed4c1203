package org.classbot.bridge.rosbridge;

import java.time.Duration;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeContract;
import org.classbot.bridge.Transport;
import org.classbot.bridge.Transports;

/**
 * The bridge contract over rosbridge: the simulator joins through the test rosbridge server as a
 * ROS 2 robot would (odometry out, commands in) and the agent bridge drives it through the same
 * server, every message checked against its ROS 2 type by the server.
 */
class RosbridgeContractTest extends RobotBridgeContract {

    private RosbridgeTestServer server;
    private RobotBridge sim;
    private AutoCloseable served;

    @Override
    protected Duration patience() {
        return Duration.ofSeconds(10);
    }

    @Override
    protected RobotBridge connect() throws Exception {
        server = RosbridgeTestServer.start();
        ConnectionSpec spec = ConnectionSpec.builder("rosbridge").rosbridgeUrl(server.url()).build();
        sim = Transports.forProfile("sim").connect(ConnectionSpec.builder("sim").build());
        Transport t = Transports.forProfile("rosbridge");
        served = t.serve(sim, spec);
        return t.connect(spec);
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
            server.close();
        }
    }
}
