package org.classbot.bridge.rosbridge;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.transport.MessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot side over rosbridge: a local robot (the simulator) joins a ROS graph through a rosbridge
 * server, taking commands from the command topic and publishing its odometry on every state update.
 * Frames: {@code odom} → {@code base_footprint}.
 */
final class RosbridgeRobotServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RosbridgeRobotServer.class);

    private final RobotBridge robot;
    private final RosbridgeSettings settings;
    private final RosbridgeClient client;
    private final AutoCloseable stateHandle;
    private final AtomicLong seq = new AtomicLong();

    private RosbridgeRobotServer(RobotBridge robot, RosbridgeSettings settings, RosbridgeClient client) {
        this.robot = robot;
        this.settings = settings;
        this.client = client;
        client.advertise(settings.odomTopic(), settings.dialect().odometry);
        client.subscribe(settings.cmdVelTopic(), settings.cmdVelType(), this::onCommand);
        client.subscribe(settings.sayTopic(), settings.dialect().string, this::onSay);
        this.stateHandle = robot.subscribe(this::publish);
    }

    static RosbridgeRobotServer start(RobotBridge robot, ConnectionSpec spec) throws IOException {
        RosbridgeSettings s = RosbridgeSettings.from(spec);
        RosbridgeClient client = s.open();
        try {
            return new RosbridgeRobotServer(robot, s.resolve(client), client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private void onCommand(JsonNode msg) {
        try {
            robot.send(RosJson.readTwist(msg));
        } catch (MessageException | RuntimeException e) {
            log.warn("rosbridge {}: rejected command on {}: {}", settings.url(), settings.cmdVelTopic(), e.getMessage());
        }
    }

    private void onSay(JsonNode msg) {
        String text = msg.path("data").asText("");
        try {
            robot.say(text);
        } catch (UnsupportedOperationException e) {
            log.info("robot says: {}", text);
        }
    }

    private void publish(RobotState s) {
        Instant stamp = s.timestampMillis() > 0 ? Instant.ofEpochMilli(s.timestampMillis()) : Instant.now();
        client.publish(settings.odomTopic(), RosJson.odometry(settings.dialect(),
                RosOdometry.planar(seq.incrementAndGet(), stamp, "odom", "base_footprint", s.pose(), s.velocity())));
    }

    @Override
    public void close() {
        try {
            stateHandle.close();
        } catch (Exception e) {
            log.debug("closing the state subscription failed", e);
        }
        client.close();
    }
}
