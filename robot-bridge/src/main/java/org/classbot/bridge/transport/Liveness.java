package org.classbot.bridge.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;


/**
 * Watches a message stream that should never pause (a robot's odometry) and says when it went quiet
 * for longer than a limit after it had started: a robot that froze or lost power while its TCP
 * connection still looks open. Shared by the ROS transports; {@code onChange} runs on the watch
 * thread or the caller of {@link #beat()} whenever {@link #stale()} flips.
 */
public final class Liveness implements AutoCloseable {

    private final long limitNanos;
    private final Runnable onChange;
    private final java.util.function.LongSupplier nanos;
    private final ScheduledExecutorService timer;
    private volatile long lastBeat;
    private volatile boolean stale;

    /** @param limit zero turns the watch off: never stale */
    public Liveness(String name, Duration limit, Runnable onChange) {
        this(name, limit, onChange, System::nanoTime, true);
    }

    /** With a clock; without {@code timer} the caller runs {@link #check()} (tests). */
    Liveness(String name, Duration limit, Runnable onChange, java.util.function.LongSupplier nanos, boolean withTimer) {
        this.limitNanos = limit.toNanos();
        this.onChange = onChange;
        this.nanos = nanos;
        if (limit.isZero() || !withTimer) {
            timer = null;
            return;
        }
        timer = Daemons.scheduler("liveness " + name);
        long period = Math.max(10, limit.toMillis() / 5);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** A message arrived. */
    public void beat() {
        lastBeat = nanos.getAsLong();
        if (stale) {
            stale = false;
            onChange.run();
        }
    }

    /** True once a message arrived and the stream has not gone silent since (with the watch off: once started). */
    public boolean flowing() {
        return lastBeat != 0 && !stale;
    }

    /** True while the stream, once started, has been silent for longer than the limit. */
    public boolean stale() {
        return stale;
    }

    /** Marks the stream stale when it has been silent beyond the limit (the timer calls it). */
    void check() {
        long last = lastBeat;
        if (limitNanos > 0 && last != 0 && !stale && nanos.getAsLong() - last > limitNanos) {
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
