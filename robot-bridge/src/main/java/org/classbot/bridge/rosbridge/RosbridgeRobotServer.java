package org.classbot.bridge.rosbridge;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.OdometryPump;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot side over rosbridge: a local robot (the simulator) joins a ROS graph through a rosbridge
 * server, taking commands from the command topic and publishing its odometry on every state update
 * and, at rest, at least every {@code rosbridge.odom_period_ms} (the shared {@link OdometryPump}
 * heartbeat). When the link to the server drops the robot is stopped at once (its own governor's
 * watchdog would stop it anyway). Frames: {@code odom} → {@code base_footprint}.
 */
final class RosbridgeRobotServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RosbridgeRobotServer.class);

    private final RobotBridge robot;
    private final RosbridgeSettings settings;
    private final RosbridgeClient client;
    private final OdometryPump pump;
    private final AtomicLong seq = new AtomicLong();

    private RosbridgeRobotServer(RobotBridge robot, RosbridgeSettings settings, RosbridgeClient client) {
        this.robot = robot;
        this.settings = settings;
        this.client = client;
        client.advertise(settings.odomTopic(), settings.dialect().odometry);
        client.subscribe(settings.cmdVelTopic(), settings.cmdVelType(), this::onCommand);
        client.subscribe(settings.sayTopic(), settings.dialect().string, this::onSay);
        client.onConnection(up -> {
            if (!up) {
                try {
                    robot.stop();
                } catch (RuntimeException e) {
                    log.warn("rosbridge {}: stopping the robot after the link loss failed: {}", settings.url(), e.toString());
                }
            }
        });
        this.pump = new OdometryPump("rosbridge " + settings.url(), robot, Duration.ZERO, settings.odomPeriod(), this::publish);
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
        pump.close();
        client.close();
    }
}
