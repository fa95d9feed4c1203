package org.classbot.bridge.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one agent-side bridge skeleton every transport (MQTT, ROS 1, rosbridge) is built on: the
 * transport supplies its channel (the protected abstract methods: is the transport up, does the
 * robot's side listen, publish a command, close) and this class decides everything the transports
 * must agree on, in final methods:
 * <ul>
 * <li><b>link up</b> ({@link RobotState#connected()}): the transport is up, no operation of ours
 * failed ({@link #problem()}), the robot's side is not known gone, and it is reached — a subscriber to
 * the command topic / an online robot ({@link Reach#LISTENING}) or odometry flowing;</li>
 * <li><b>odometry freshness</b>: once odometry flowed, a pause beyond the odometry timeout means the
 * robot is gone (a frozen robot keeps its connections open) until it flows again;</li>
 * <li><b>stop</b>: a zero command; <b>close</b>: a zero when the transport is up, then the channel
 * closes and the state says disconnected;</li>
 * <li>the state and its listeners (battery and e-stop where the robot reports them).</li>
 * </ul>
 * The safety governor still wraps every bridge (applications get bridges only from
 * {@code RobotBridges}); a subclass lives in its transport's package and is package-private there.
 */
public abstract class ChannelBridge implements RobotBridge {

    /** What a transport knows about the robot's side of its channel. */
    public enum Reach {
        /** someone takes the commands (a subscriber to the command topic, a robot that says online) */
        LISTENING,
        /** the transport cannot tell (then odometry must flow) */
        UNKNOWN,
        /** the robot said it left (MQTT's retained offline status) */
        GONE
    }

    private static final Logger log = LoggerFactory.getLogger(ChannelBridge.class);

    private final String name;
    private final Liveness odom;
    private final StateListeners listeners = new StateListeners();
    private final Object lock = new Object();
    private volatile RobotState state = RobotState.disconnected();
    private volatile OptionalDouble battery = OptionalDouble.empty();
    private volatile boolean estopped;
    private volatile boolean closed;

    /**
     * @param name        for logs and errors, e.g. {@code rosbridge ws://127.0.0.1:9090}
     * @param odomTimeout longest odometry pause before the robot counts as gone; zero: not watched
     */
    protected ChannelBridge(String name, Duration odomTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.odom = new Liveness(name + " odometry", odomTimeout, this::linkChanged);
    }

    /** With a clock and no timer: {@link #checkOdometry()} runs the freshness watch (tests). */
    ChannelBridge(String name, Duration odomTimeout, java.util.function.LongSupplier nanos) {
        this.name = Objects.requireNonNull(name, "name");
        this.odom = new Liveness(name + " odometry", odomTimeout, this::linkChanged, nanos, false);
    }

    /** One run of the odometry freshness watch (tests drive it on their clock). */
    void checkOdometry() {
        odom.check();
    }

    // ---- the channel: what a transport supplies

    /** The transport itself is up (broker link, master, WebSocket). */
    protected abstract boolean transportUp();

    /** Whether the robot's side takes commands, as far as the transport can see. */
    protected abstract Reach robotReach();

    /**
     * Puts one command on the wire.
     *
     * @throws RuntimeException when it cannot (the governor then holds zero and retries its stop)
     */
    protected abstract void publish(Twist twist);

    /** Releases the transport (called once, after the final zero). */
    protected abstract void closeChannel();

    /** A failed operation of ours the transport learnt of (a server's error for our advertise): empty when none. */
    protected Optional<String> channelProblem() {
        return Optional.empty();
    }

    /** Waits briefly for the final zero to leave, where the transport queues (called before {@link #closeChannel()}). */
    protected void flush() {
    }

    // ---- told by the transport

    /** A fresh, valid odometry reading (stamped now unless {@code tsMillis} is positive). */
    protected final void odometry(Pose pose, Twist velocity, long tsMillis) {
        odom.beat();
        RobotState s;
        synchronized (lock) {
            s = new RobotState(pose, velocity, battery, connectedNow(), estopped,
                    tsMillis > 0 ? tsMillis : System.currentTimeMillis());
            state = s;
        }
        listeners.publish(s);
    }

    /** What the robot reports about itself besides odometry (MQTT status). */
    protected final void robotStatus(OptionalDouble battery, boolean estopped) {
        this.battery = battery;
        this.estopped = estopped;
        refresh(true);
    }

    /** Something the link rule reads changed (transport up/down, subscribers, a failure): recomputed and delivered on change. */
    protected final void linkChanged() {
        refresh(false);
    }

    protected final boolean isClosed() {
        return closed;
    }

    protected final String name() {
        return name;
    }

    /** Odometry arrived and has not paused beyond the timeout since. */
    protected final boolean odometryFlowing() {
        return odom.flowing();
    }

    // ---- RobotBridge, the same on every transport

    @Override
    public final void send(Twist twist) {
        if (!Double.isFinite(twist.linear()) || !Double.isFinite(twist.angular())) {
            throw new IllegalArgumentException("velocity must be finite, got " + twist);
        }
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        publish(twist);
    }

    @Override
    public final void stop() {
        if (!closed) {
            publish(Twist.ZERO);
        }
    }

    @Override
    public final RobotState state() {
        return state;
    }

    @Override
    public final AutoCloseable subscribe(RobotStateListener listener) {
        return listeners.add(listener);
    }

    /** What is wrong with this link beyond "down", in words a teacher can act on; empty when nothing is known. */
    @Override
    public Optional<String> problem() {
        Optional<String> p = channelProblem();
        if (p.isPresent() || closed) {
            return p;
        }
        if (!transportUp()) {
            return Optional.of("the link to " + name + " is lost; reconnecting / 与 " + name + " 的连接已断开，正在重连");
        }
        if (odom.stale()) {
            return Optional.of("odometry from the robot stopped: is it still running? / 机器人的里程计中断了：它还在运行吗？");
        }
        return Optional.empty();
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        try {
            if (transportUp()) {
                // leave the robot still: the zero goes out before the channel closes
                publish(Twist.ZERO);
                flush();
            }
        } catch (RuntimeException e) {
            log.debug("{}: final stop not sent: {}", name, e.toString());
        } finally {
            closed = true;
            odom.close();
            try {
                closeChannel();
            } finally {
                linkChanged();
            }
        }
    }

    private boolean connectedNow() {
        if (closed || !transportUp() || channelProblem().isPresent() || odom.stale()) {
            return false;
        }
        Reach r = robotReach();
        return r == Reach.LISTENING || (r == Reach.UNKNOWN && odom.flowing());
    }

    private void refresh(boolean always) {
        RobotState s;
        boolean changed;
        synchronized (lock) {
            boolean c = connectedNow();
            RobotState old = state;
            changed = old.connected() != c;
            if (!always && !changed) {
                return;
            }
            s = new RobotState(old.pose(), c ? old.velocity() : Twist.ZERO, battery, c, estopped, old.timestampMillis());
            state = s;
        }
        if (changed) {
            log.info("{}: robot link {}{}", name, s.connected() ? "up" : "down", odom.stale() ? " (odometry stopped)" : "");
        }
        listeners.publish(s);
    }
}
