package org.classbot.bridge.ros1;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.Twist;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.ros1.msg.RosTypes;
import org.classbot.bridge.transport.ChannelBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side over native ROS 1: publishes geometry_msgs/Twist on the command topic
 * ({@code /cmd_vel}), subscribes nav_msgs/Odometry on the odometry topic ({@code /odom}) and
 * publishes std_msgs/String on the speech topic. Link up is {@link ChannelBridge}'s rule: the master
 * answers and a node (the robot base) subscribes to the command topic or odometry flows; odometry,
 * once it flows, must not pause longer than {@code ros.odom_timeout_ms} (default 1000; 0 = not
 * watched) — a frozen robot keeps its TCP connections open.
 */
final class Ros1Bridge extends ChannelBridge {

    private static final Logger log = LoggerFactory.getLogger(Ros1Bridge.class);

    private final Ros1Node node;
    private final Publication<RosTwist> cmdVel;
    private final Subscription<RosOdometry> odom;
    private final String sayTopic;
    private final Object sayLock = new Object();
    private Publication<String> say;

    private Ros1Bridge(Ros1Node node, String cmdVelTopic, String odomTopic, String sayTopic, Duration odomTimeout)
            throws IOException {
        super(node.name(), odomTimeout);
        this.node = node;
        this.sayTopic = sayTopic;
        this.cmdVel = node.advertise(cmdVelTopic, RosTypes.TWIST, false);
        this.odom = node.subscribe(odomTopic, RosTypes.ODOMETRY, this::onOdometry);
        cmdVel.onSubscribersChanged(this::linkChanged);
        node.onMasterState(up -> linkChanged());
        linkChanged();
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
                    Duration.ofMillis(spec.millis("ros.odom_timeout_ms", 1000, 0, false)));
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    protected boolean transportUp() {
        return node.masterUp();
    }

    /** A node subscribes to the command topic: a command sent now arrives. */
    @Override
    protected Reach robotReach() {
        return cmdVel.subscriberCount() > 0 ? Reach.LISTENING : Reach.UNKNOWN;
    }

    @Override
    protected void publish(Twist twist) {
        cmdVel.publish(RosTwist.of(twist));
    }

    @Override
    protected void flush() {
        try {
            cmdVel.drain(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void closeChannel() {
        node.close();
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
        odometry(o.pose(), o.velocity(), 0);
    }
}
