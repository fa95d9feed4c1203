package org.classbot.bridge.ros1;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.ros1.msg.RosTypes;
import org.classbot.bridge.transport.OdometryPump;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot side over ROS 1 ({@code classbot sim --profile ros1}): a node that subscribes the command
 * topic and drives the local robot with it, publishes the local robot's odometry on every state
 * change (and at least every {@code ros.odom_period_ms}, default 100 ms), and hands speech on the
 * speech topic to the robot's {@code say}. Frames: {@code odom} → {@code base_footprint}.
 */
final class Ros1RobotServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ros1RobotServer.class);

    private final RobotBridge robot;
    private final Ros1Node node;
    private final Publication<RosOdometry> odom;
    private final OdometryPump pump;
    private final AtomicLong seq = new AtomicLong();

    private Ros1RobotServer(RobotBridge robot, Ros1Node node, ConnectionSpec spec) throws IOException {
        this.robot = robot;
        this.node = node;
        long periodMillis = Math.max(10, spec.millis("ros.odom_period_ms", 100, 0, false));
        this.odom = node.advertise(spec.odomTopic(), RosTypes.ODOMETRY, false);
        node.subscribe(spec.cmdVelTopic(), RosTypes.TWIST, this::onCommand);
        node.subscribe(spec.sayTopic(), RosTypes.STRING, this::onSay);
        this.pump = new OdometryPump("ros1 " + node.name(), robot, Duration.ZERO, Duration.ofMillis(periodMillis), this::publish);
    }

    static Ros1RobotServer start(RobotBridge robot, ConnectionSpec spec, Map<String, String> env) throws IOException {
        NodeConfig cfg = NodeConfig.from(spec, env, "/classbot_robot_" + NodeConfig.sanitize(spec.robotId()));
        Ros1Node node = Ros1Node.start(cfg);
        try {
            return new Ros1RobotServer(robot, node, spec);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    String nodeName() {
        return node.name();
    }

    private void onCommand(RosTwist t) {
        try {
            robot.send(t.toTwist());
        } catch (RuntimeException e) {
            log.warn("{}: rejected command {}: {}", node.name(), t, e.getMessage());
        }
    }

    private void onSay(String text) {
        try {
            robot.say(text);
        } catch (UnsupportedOperationException e) {
            log.info("{} says: {}", node.name(), text);
        }
    }

    private void publish(RobotState s) {
        Instant stamp = s.timestampMillis() > 0 ? Instant.ofEpochMilli(s.timestampMillis()) : Instant.now();
        try {
            odom.publish(RosOdometry.planar(seq.incrementAndGet(), stamp, "odom", "base_footprint", s.pose(), s.velocity()));
        } catch (IllegalStateException closedAlready) {
            log.debug("{}: odometry after close dropped", node.name());
        }
    }

    @Override
    public void close() {
        pump.close();
        node.close();
    }
}
