package org.classbot.bridge.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for reconnecting transports (MQTT, ROS 1, rosbridge share it).
 * Not thread-safe: one instance per reconnect loop.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double multiplier;
    private final double jitter;
    private long nextMillis;
    private int attempts;

    /**
     * @param initial    first delay
     * @param max        the delay never grows beyond this
     * @param multiplier growth per attempt (>= 1)
     * @param jitter     random spread as a fraction of the delay, 0..1 (0.2 = +/- 20 %)
     */
    public Backoff(Duration initial, Duration max, double multiplier, double jitter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
        if (!(multiplier >= 1.0) || !(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("backoff needs multiplier >= 1 and jitter in 0..1");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.nextMillis = initialMillis;
    }

    /** 100 ms doubling up to 5 s, +/- 20 % jitter: quick after a blip, gentle on a dead broker. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.2);
    }

    /** The delay before the next attempt; each call grows the following one. */
    public Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, (long) Math.ceil(nextMillis * multiplier));
        attempts++;
        double spread = jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.max(1, Math.round(base * (1 + spread))));
    }

    /** Call after a successful connection: the next outage starts from the initial delay again. */
    public void reset() {
        nextMillis = initialMillis;
        attempts = 0;
    }

    /** Attempts since the last reset. */
    public int attempts() {
        return attempts;
    }
}
