package org.classbot.bridge.rosbridge;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.Twist;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.transport.ChannelBridge;
import org.classbot.bridge.transport.Daemons;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side over rosbridge (ROS 2 or ROS 1 robots, Gazebo): advertises and publishes the command
 * topic, subscribes odometry, advertises speech (std_msgs/String) on first use, in the dialect found
 * on connect ({@link RosbridgeSettings#resolve}) and kept for this connection. Link up is
 * {@link ChannelBridge}'s rule: the WebSocket (and its heartbeat) is up, the server refused none of
 * our ops, and the robot's side is reached: rosapi lists a subscriber to the command topic, or
 * odometry flows. The client heals outages itself.
 */
final class RosbridgeBridge extends ChannelBridge {

    private static final Logger log = LoggerFactory.getLogger(RosbridgeBridge.class);

    private final RosbridgeSettings settings;
    private final RosbridgeClient client;
    private final AutoCloseable odomHandle;
    private final AtomicLong seq = new AtomicLong();
    private final Object sayLock = new Object();
    private final ScheduledExecutorService poller;
    private volatile boolean sayAdvertised;
    private volatile boolean cmdSubscribed;
    /** polls left out after rosapi did not answer */
    private int skipPolls;

    private RosbridgeBridge(RosbridgeSettings settings, RosbridgeClient client) {
        super("rosbridge " + settings.url(), settings.odomTimeout());
        this.settings = settings;
        this.client = client;
        client.onFailure(this::linkChanged);
        client.advertise(settings.cmdVelTopic(), settings.cmdVelType());
        this.odomHandle = client.subscribe(settings.odomTopic(), settings.dialect().odometry, this::onOdometry);
        client.onConnection(up -> linkChanged());
        if (settings.subscribersPoll().isZero()) {
            poller = null;
        } else {
            poller = Daemons.scheduler("rosbridge-subscribers " + settings.url());
            long ms = settings.subscribersPoll().toMillis();
            poller.scheduleWithFixedDelay(this::pollSubscribers, 0, ms, TimeUnit.MILLISECONDS);
        }
        linkChanged();
    }

    /** @throws IOException naming the URL and the fix when rosbridge cannot be reached */
    static RosbridgeBridge connect(ConnectionSpec spec) throws IOException {
        RosbridgeSettings s = RosbridgeSettings.from(spec);
        RosbridgeClient client = s.open();
        try {
            return new RosbridgeBridge(s.resolve(client), client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The underlying client, for services ({@code call_service}) and other topics. */
    RosbridgeClient client() {
        return client;
    }

    /** The settings in force on this connection, the dialect resolved. */
    RosbridgeSettings settings() {
        return settings;
    }

    @Override
    protected boolean transportUp() {
        return client.connected();
    }

    @Override
    protected Reach robotReach() {
        return cmdSubscribed ? Reach.LISTENING : Reach.UNKNOWN;
    }

    @Override
    protected Optional<String> channelProblem() {
        return client.failure("advertise", settings.cmdVelTopic()).map(m -> refused("advertise", settings.cmdVelTopic(),
                        settings.cmdVelType(), m))
                .or(() -> client.failure("subscribe", settings.odomTopic()).map(m -> refused("subscribe", settings.odomTopic(),
                        settings.dialect().odometry, m)));
    }

    /** One line: what the server said and which setting fixes it, in English and Chinese. */
    private String refused(String op, String topic, String type, String msg) {
        boolean typeClash = msg.contains("established with type");
        String key = typeClash && topic.equals(settings.cmdVelTopic()) ? "rosbridge.cmd_vel_stamped" : "rosbridge.ros_version";
        String values = key.equals("rosbridge.cmd_vel_stamped") ? "true/false" : "auto, 1 or 2";
        return "rosbridge server " + settings.url() + " refused " + op + " " + topic + " as " + type + ": \"" + msg
                + "\"; set " + key + " (" + values + "; robot.options." + key + " in classbot.yaml, or "
                + (key.equals("rosbridge.ros_version") ? "--rosbridge-ros-version" : "--robot-option " + key + "=...")
                + ") / rosbridge 服务器拒绝了 " + op + " " + topic + "（" + type + "）：请设置 " + key;
    }

    @Override
    protected void publish(Twist twist) {
        RosTwist t = RosTwist.of(twist);
        JsonNode msg = settings.isStamped()
                ? RosJson.twistStamped(settings.dialect(), t, Instant.now(), "base_footprint", seq.incrementAndGet())
                : RosJson.twist(t);
        channelProblem().ifPresent(p -> {
            throw new org.classbot.bridge.RobotBridgeException(p);
        });
        client.publish(settings.cmdVelTopic(), msg);
    }

    @Override
    public void say(String text) {
        synchronized (sayLock) {
            if (!sayAdvertised) {
                client.advertise(settings.sayTopic(), settings.dialect().string);
                sayAdvertised = true;
            }
        }
        client.publish(settings.sayTopic(), RosJson.string(text));
    }

    @Override
    protected void closeChannel() {
        if (poller != null) {
            poller.shutdownNow();
        }
        try {
            odomHandle.close();
            client.unadvertise(settings.cmdVelTopic());
        } catch (Exception e) {
            log.debug("rosbridge {}: closing cleanly failed: {}", settings.url(), e.toString());
        } finally {
            client.close();
        }
    }

    private void onOdometry(JsonNode msg) {
        RosOdometry o;
        try {
            o = RosJson.readOdometry(msg);
        } catch (MessageException e) {
            log.warn("rosbridge {}: ignored odometry on {}: {}", settings.url(), settings.odomTopic(), e.getMessage());
            return;
        }
        odometry(o.pose(), o.velocity(), 0);
    }

    /** Asks rosapi, where it runs, whether a node subscribes to the command topic. */
    private void pollSubscribers() {
        if (!client.connected() || skipPolls-- > 0) {
            return;
        }
        boolean s;
        try {
            JsonNode v = client.callService("/rosapi/subscribers", Messages.mapper().createObjectNode().put("topic", settings.cmdVelTopic()))
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            s = v.path("subscribers").size() > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            s = false; // no rosapi: only odometry can tell; ask again less often (each call is an error in the server's log)
            skipPolls = 9;
        }
        if (s != cmdSubscribed) {
            cmdSubscribed = s;
            linkChanged();
        }
    }
}
