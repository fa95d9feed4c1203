package org.classbot.bridge.ros1.msg;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.classbot.bridge.transport.Daemons;

/**
 * Watches a message stream that should never pause (a robot's odometry) and says when it went quiet
 * for longer than a limit after it had started: a robot that froze or lost power while its TCP
 * connection still looks open. Shared by the ROS transports; {@code onChange} runs on the watch
 * thread or the caller of {@link #beat()} whenever {@link #stale()} flips.
 */
public final class Liveness implements AutoCloseable {

    private final long limitNanos;
    private final Runnable onChange;
    private final ScheduledExecutorService timer;
    private volatile long lastBeat;
    private volatile boolean stale;

    /** @param limit zero turns the watch off: never stale */
    public Liveness(String name, Duration limit, Runnable onChange) {
        this.limitNanos = limit.toNanos();
        this.onChange = onChange;
        if (limit.isZero()) {
            timer = null;
            return;
        }
        timer = Daemons.scheduler("liveness " + name);
        long period = Math.max(10, limit.toMillis() / 5);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** A message arrived. */
    public void beat() {
        lastBeat = System.nanoTime();
        if (stale) {
            stale = false;
            onChange.run();
        }
    }

    /** True while the stream, once started, has been silent for longer than the limit. */
    public boolean stale() {
        return stale;
    }

    private void check() {
        long last = lastBeat;
        if (last != 0 && !stale && System.nanoTime() - last > limitNanos) {
            stale = true;
            onChange.run();
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
