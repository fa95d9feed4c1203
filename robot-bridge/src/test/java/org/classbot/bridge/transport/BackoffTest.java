package org.classbot.bridge.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void should_double_up_to_the_maximum_within_the_jitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.2);
        long[] base = {100, 200, 400, 800, 1000, 1000};
        for (long expected : base) {
            long d = b.next().toMillis();
            assertThat(d).isBetween(Math.round(expected * 0.8), Math.round(expected * 1.2));
        }
        assertThat(b.attempts()).isEqualTo(6);
    }

    @Test
    void should_start_over_after_reset() {
        Backoff b = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 3.0, 0.0);
        b.next();
        b.next();
        assertThat(b.next()).isEqualTo(Duration.ofMillis(450));
        b.reset();
        assertThat(b.attempts()).isZero();
        assertThat(b.next()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void should_refuse_nonsense_settings() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), 0.5, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_retry_until_the_attempt_succeeds_and_run_one_loop_at_a_time() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (Reconnector r = new Reconnector("test", () -> new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 2, 0),
                () -> {
                    if (calls.incrementAndGet() < 4) {
                        throw new IllegalStateException("not yet");
                    }
                }, e -> failures.incrementAndGet())) {
            r.trigger();
            r.trigger(); // no second loop while one runs
            long end = System.currentTimeMillis() + 3000;
            while (r.running() && System.currentTimeMillis() < end) {
                Thread.sleep(5);
            }
            assertThat(r.running()).isFalse();
            assertThat(calls.get()).isEqualTo(4);
            assertThat(failures.get()).isEqualTo(3);
        }
    }

    @Test
    void should_stop_retrying_when_closed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Reconnector r = new Reconnector("test", () -> new Backoff(Duration.ofMillis(5), Duration.ofMillis(10), 2, 0),
                () -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("never");
                }, e -> { });
        r.trigger();
        Thread.sleep(100);
        r.close();
        Thread.sleep(50);
        int after = calls.get();
        Thread.sleep(100);
        assertThat(calls.get()).isEqualTo(after);
        assertThat(r.running()).isFalse();
        r.trigger();
        assertThat(r.running()).as("a closed reconnector does not start again").isFalse();
    }
}
