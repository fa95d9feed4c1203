package org.classbot.bridge.rosbridge;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
import org.classbot.bridge.ros1.msg.Liveness;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.transport.BridgeState;
import org.classbot.bridge.transport.MessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent side over rosbridge (ROS 2 robots, Gazebo): advertises and publishes the command topic,
 * subscribes odometry, advertises speech (std_msgs/String) on first use. {@code connected} follows
 * the WebSocket (and its heartbeat) and, once odometry flows, its freshness; the client heals
 * outages itself and this bridge reports them to its listeners.
 */
final class RosbridgeBridge implements RobotBridge {

    private static final Logger log = LoggerFactory.getLogger(RosbridgeBridge.class);

    private final RosbridgeSettings settings;
    private final RosbridgeClient client;
    private final AutoCloseable odomHandle;
    private final Liveness odomLiveness;
    private final BridgeState state = new BridgeState(this::connectedNow);
    private final AtomicLong seq = new AtomicLong();
    private final Object sayLock = new Object();
    private volatile boolean sayAdvertised;
    private volatile boolean closed;

    private RosbridgeBridge(RosbridgeSettings settings, RosbridgeClient client) {
        this.settings = settings;
        this.client = client;
        this.odomLiveness = new Liveness("rosbridge " + settings.odomTopic(), settings.odomTimeout(), this::refreshConnected);
        client.advertise(settings.cmdVelTopic(), settings.cmdVelType());
        this.odomHandle = client.subscribe(settings.odomTopic(), settings.dialect().odometry, this::onOdometry);
        client.onConnection(up -> refreshConnected());
        refreshConnected();
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

    @Override
    public void send(Twist twist) {
        if (!Double.isFinite(twist.linear()) || !Double.isFinite(twist.angular())) {
            throw new IllegalArgumentException("velocity must be finite, got " + twist);
        }
        if (closed) {
            throw new IllegalStateException("rosbridge bridge to " + settings.url() + " is closed");
        }
        RosTwist t = RosTwist.of(twist);
        JsonNode msg = settings.isStamped()
                ? RosJson.twistStamped(settings.dialect(), t, Instant.now(), "base_footprint", seq.incrementAndGet())
                : RosJson.twist(t);
        client.publish(settings.cmdVelTopic(), msg);
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

    private void onOdometry(JsonNode msg) {
        RosOdometry o;
        try {
            o = RosJson.readOdometry(msg);
        } catch (MessageException e) {
            log.warn("rosbridge {}: ignored odometry on {}: {}", settings.url(), settings.odomTopic(), e.getMessage());
            return;
        }
        odomLiveness.beat();
        state.odometry(o.pose(), o.velocity());
    }

    private void refreshConnected() {
        state.refreshConnected();
    }

    private boolean connectedNow() {
        return !closed && client.connected() && !odomLiveness.stale();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (client.connected()) {
                send(Twist.ZERO);
            }
            odomHandle.close();
            client.unadvertise(settings.cmdVelTopic());
        } catch (Exception e) {
            log.debug("rosbridge {}: closing cleanly failed: {}", settings.url(), e.toString());
        } finally {
            closed = true;
            odomLiveness.close();
            client.close();
            refreshConnected();
        }
    }
}
