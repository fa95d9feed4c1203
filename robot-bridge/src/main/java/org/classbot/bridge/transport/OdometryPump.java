package org.classbot.bridge.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot side's odometry, the same on every transport that serves a robot: each state update of
 * the local robot is published (at most one per {@code minPeriod}), and when none was published for
 * {@code heartbeat} the latest state is published again, so an agent's odometry-freshness watch
 * ({@link ChannelBridge}) sees a robot at rest as alive and a robot that went away as gone. The
 * heartbeat repeats only a state the robot itself renewed lately (its timestamp within
 * {@link #STALE_MS} or three heartbeats): a robot whose own odometry stalled is not covered up.
 */
public final class OdometryPump implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OdometryPump.class);

    /** A robot state older than this (or three heartbeats) is not repeated by the heartbeat. */
    public static final long STALE_MS = 1000;

    private final RobotBridge robot;
    private final Consumer<RobotState> publisher;
    private final long minPeriodNanos;
    private final long heartbeatNanos;
    private final long staleMs;
    private final AutoCloseable handle;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private long lastNanos;
    private volatile boolean closed;

    /**
     * @param publisher puts one state on the wire; failures are logged at debug (the link may be down)
     */
    public OdometryPump(String name, RobotBridge robot, Duration minPeriod, Duration heartbeat, Consumer<RobotState> publisher) {
        if (heartbeat.isZero() || heartbeat.isNegative()) {
            throw new IllegalArgumentException("odometry heartbeat must be positive, got " + heartbeat);
        }
        this.robot = robot;
        this.publisher = publisher;
        this.minPeriodNanos = minPeriod.toNanos();
        this.heartbeatNanos = heartbeat.toNanos();
        this.staleMs = Math.max(STALE_MS, 3 * heartbeat.toMillis());
        this.handle = robot.subscribe(s -> offer(s, false));
        long ms = Math.max(5, heartbeat.toMillis() / 2);
        this.timer = Daemons.scheduler("odometry " + name);
        timer.scheduleAtFixedRate(() -> offer(robot.state(), true), ms, ms, TimeUnit.MILLISECONDS);
    }

    private void offer(RobotState s, boolean beat) {
        if (closed) {
            return;
        }
        if (beat && (s.timestampMillis() <= 0 || System.currentTimeMillis() - s.timestampMillis() > staleMs)) {
            return;
        }
        synchronized (lock) {
            long now = System.nanoTime();
            long since = now - lastNanos;
            if (lastNanos != 0 && since < (beat ? heartbeatNanos : minPeriodNanos)) {
                return;
            }
            lastNanos = now;
            try {
                publisher.accept(s);
            } catch (RuntimeException e) {
                log.debug("odometry not published: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            handle.close();
        } catch (Exception e) {
            log.debug("closing the state subscription failed", e);
        }
    }
}
