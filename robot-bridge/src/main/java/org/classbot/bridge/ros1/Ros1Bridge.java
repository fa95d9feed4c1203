package org.classbot.bridge.ros1;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
import org.classbot.bridge.ros1.msg.Liveness;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.ros1.msg.RosTypes;
import org.classbot.bridge.transport.BridgeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side over native ROS 1: publishes geometry_msgs/Twist on the command topic
 * ({@code /cmd_vel}), subscribes nav_msgs/Odometry on the odometry topic ({@code /odom}) and
 * publishes std_msgs/String on the speech topic. {@code connected} means the master answers, at
 * least one node (the robot base) subscribes to the command topic, so a command sent now arrives,
 * and odometry, once it flows, has not paused longer than {@code ros.odom_timeout_ms} (default
 * 1000; 0 = not watched) — a frozen robot keeps its TCP connections open.
 */
final class Ros1Bridge implements RobotBridge {

    private static final Logger log = LoggerFactory.getLogger(Ros1Bridge.class);

    private final Ros1Node node;
    private final Publication<RosTwist> cmdVel;
    private final Subscription<RosOdometry> odom;
    private final Liveness odomLiveness;
    private final String sayTopic;
    private final BridgeState state = new BridgeState(this::connectedNow);
    private final Object sayLock = new Object();
    private Publication<String> say;
    private volatile boolean closed;

    private Ros1Bridge(Ros1Node node, String cmdVelTopic, String odomTopic, String sayTopic, Duration odomTimeout)
            throws IOException {
        this.node = node;
        this.sayTopic = sayTopic;
        this.odomLiveness = new Liveness(node.name() + " " + odomTopic, odomTimeout, this::refreshConnected);
        this.cmdVel = node.advertise(cmdVelTopic, RosTypes.TWIST, false);
        this.odom = node.subscribe(odomTopic, RosTypes.ODOMETRY, this::onOdometry);
        cmdVel.onSubscribersChanged(this::refreshConnected);
        node.onMasterState(up -> refreshConnected());
        refreshConnected();
    }

    /**
     * Connects to the master named by the spec (or ROS_MASTER_URI) as node
     * {@code /classbot_<robot>_<pid>} unless option {@code ros.node_name} names another.
     *
     * @throws IOException with the master URI and a fix when the master cannot be reached
     */
    static Ros1Bridge connect(ConnectionSpec spec, Map<String, String> env) throws IOException {
        NodeConfig cfg = NodeConfig.from(spec, env,
                "/classbot_" + NodeConfig.sanitize(spec.robotId()) + "_" + ProcessHandle.current().pid());
        Ros1Node node = Ros1Node.start(cfg);
        try {
            return new Ros1Bridge(node, spec.cmdVelTopic(), spec.odomTopic(), spec.sayTopic(),
                    Duration.ofMillis(NodeConfig.millis(spec, "ros.odom_timeout_ms", 1000)));
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    public void send(Twist twist) {
        if (!Double.isFinite(twist.linear()) || !Double.isFinite(twist.angular())) {
            throw new IllegalArgumentException("velocity must be finite, got " + twist);
        }
        if (closed) {
            throw new IllegalStateException("ROS 1 bridge " + node.name() + " is closed");
        }
        cmdVel.publish(RosTwist.of(twist));
    }

    @Override
    public void stop() {
        send(Twist.ZERO);
    }

    @Override
    public RobotState state() {
        return state.get();
    }

    @Override
    public AutoCloseable subscribe(RobotStateListener listener) {
        return state.subscribe(listener);
    }

    /** Publishes std_msgs/String on the speech topic (advertised on first use). */
    @Override
    public void say(String text) {
        Publication<String> p;
        synchronized (sayLock) {
            if (say == null) {
                try {
                    say = node.advertise(sayTopic, RosTypes.STRING, false);
                } catch (IOException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            p = say;
        }
        p.publish(text);
    }

    /** Nodes connected to the command topic now. */
    int commandSubscribers() {
        return cmdVel.subscriberCount();
    }

    /** Publishers of odometry with a live stream now. */
    int odometryPublishers() {
        return odom.connectedPublishers();
    }

    /** This node's graph name. */
    String nodeName() {
        return node.name();
    }

    /** Rounds of registration with a master (1 after connecting, +1 per master restart survived). */
    int registrationRounds() {
        return node.registrationRounds();
    }

    private void onOdometry(RosOdometry o) {
        if (!Double.isFinite(o.x()) || !Double.isFinite(o.y()) || !Double.isFinite(o.yaw())
                || !Double.isFinite(o.twist().linearX()) || !Double.isFinite(o.twist().angularZ())) {
            log.warn("{}: ignored odometry with non-finite values: {}", node.name(), o);
            return;
        }
        odomLiveness.beat();
        state.odometry(o.pose(), o.velocity());
    }

    private boolean connectedNow() {
        return !closed && node.masterUp() && cmdVel.subscriberCount() > 0 && !odomLiveness.stale();
    }

    private void refreshConnected() {
        state.refreshConnected().ifPresent(s -> log.info("{}: robot link {}{}", node.name(),
                s.connected() ? "up" : "down", odomLiveness.stale() ? " (odometry stopped)" : ""));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (cmdVel.subscriberCount() > 0) {
                // leave the robot still: the stop goes out before the connections close
                cmdVel.publish(RosTwist.of(Twist.ZERO));
                cmdVel.drain(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            odomLiveness.close();
            node.close();
            refreshConnected();
        }
    }
}
