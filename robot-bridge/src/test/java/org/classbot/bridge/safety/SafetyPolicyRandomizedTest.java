package org.classbot.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.RoomMap;
import org.junit.jupiter.api.Test;

/**
 * Lucene-style seeded randomized tests of the governor's policy on a hand-driven clock: random
 * sequences of commands (in range, above the limits, absurd, NaN, zero), poses, link changes,
 * robot-side and local e-stops, resets and stops. Every case runs from its own seed, printed on
 * failure; {@code -Dtests.seed=N} replays a run, {@code -Dtests.cases=N} sets how many cases.
 * No wall clock and no sleeps: time is a counter the test advances, ticks are called by hand.
 */
class SafetyPolicyRandomizedTest {

    private static final long SEED = Long.getLong("tests.seed", new Random().nextLong());
    private static final int CASES = Integer.getInteger("tests.cases", 400);
    private static final long MS = 1_000_000L;
    private static final long TICK = SafetyGovernor.TICK_MS * MS;
    private static final double EPS = 1e-9;

    @Test
    void should_never_exceed_a_limit_nor_move_while_estopped_or_disconnected_and_stop_on_watchdog() {
        Random master = new Random(SEED);
        long worstLatency = 0;
        long steps = 0;
        for (int c = 0; c < CASES; c++) {
            long seed = master.nextLong();
            Case k = new Case(seed);
            try {
                k.run();
                worstLatency = Math.max(worstLatency, k.stopLatency - k.limits.watchdog().toNanos());
                steps += k.steps;
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("randomized case failed: case seed " + seed + ", run seed " + SEED
                        + " (replay with -Dtests.seed=" + SEED + "): " + e.getMessage() + "\nlast events: "
                        + k.trace.substring(Math.max(0, k.trace.length() - 600)), e);
            }
        }
        System.out.printf("SafetyPolicyRandomizedTest: %d cases, %d actions, seed %d; stopped at most %.1f ms after watchdog_ms"
                + " (20 ms loop)%n", CASES, steps, SEED, worstLatency / 1e6);
        assertThat(worstLatency).isLessThanOrEqualTo(TICK);
    }

    @Test
    void should_replay_the_same_outputs_from_the_same_seed() {
        Case a = new Case(42);
        a.run();
        Case b = new Case(42);
        b.run();
        assertThat(b.trace.toString()).isEqualTo(a.trace.toString()).isNotEmpty();
    }

    /** One random sequence against one random set of limits. */
    private static final class Case implements RobotBridge {
        final Random rnd;
        final SafetyLimits limits;
        final SafetyGovernor gov;
        final StringBuilder trace = new StringBuilder();
        long now = 1_000 * MS;
        long nextTick = now + TICK;
        int steps;

        // the robot, as the transport sees it
        boolean connected = true;
        boolean robotEstopped;
        Pose pose = Pose.ORIGIN;
        Twist delivered = Twist.ZERO;
        long deliveredAt = now;
        // what the test knows
        boolean latched;
        long lastAccepted = Long.MIN_VALUE;
        long stopLatency;

        Case(long seed) {
            rnd = new Random(seed);
            double maxLinear = 0.05 + rnd.nextDouble() * 1.5;
            double maxAngular = 0.1 + rnd.nextDouble() * 3;
            limits = new SafetyLimits(maxLinear, maxAngular, 0.1 + rnd.nextDouble() * 3, 0.2 + rnd.nextDouble() * 8,
                    Duration.ofMillis(50 + rnd.nextInt(950)), maxLinear * (1 + rnd.nextDouble() * 4),
                    maxAngular * (1 + rnd.nextDouble() * 4),
                    rnd.nextBoolean() ? Optional.of(RoomMap.classroom().geofence()) : Optional.empty());
            gov = new SafetyGovernor(this, limits, () -> now, null);
        }

        void run() {
            int n = 50 + rnd.nextInt(400);
            for (int i = 0; i < n; i++) {
                steps++;
                advance(rnd.nextInt(rnd.nextInt(10) == 0 ? 300 : 12) * MS + rnd.nextInt(1000) * 1000L);
                int a = rnd.nextInt(100);
                if (a < 55) {
                    command(randomTwist());
                } else if (a < 70) {
                    trace.append('p');
                    pose = new Pose(-1 + rnd.nextDouble() * 10, -1 + rnd.nextDouble() * 8, (rnd.nextDouble() - 0.5) * 7);
                } else if (a < 78) {
                    connected = !connected;
                    trace.append(connected ? 'U' : 'D');
                } else if (a < 82) {
                    robotEstopped = true;
                } else if (a < 86) {
                    latched = true;
                    try {
                        gov.emergencyStop();
                    } catch (RuntimeException undelivered) {
                        // link down: the local latch holds anyway
                    }
                } else if (a < 93) {
                    try {
                        gov.resetEmergencyStop();
                        latched = false;
                    } catch (RuntimeException undelivered) {
                        // link down: the reset did not reach the robot, the local latch stays
                        latched = gov.status().estopped() && latched;
                    }
                } else {
                    gov.stop();
                }
            }
            // the link back, the e-stops reset, one turn command, then the application goes quiet:
            // the robot must be at rest by watchdog_ms (+ at most one loop period)
            connected = true;
            gov.resetEmergencyStop();
            latched = false;
            advance(TICK);
            command(new Twist(0, limits.maxAngular() / 2));
            assertThat(delivered.isZero()).as("the final command moved the robot").isFalse();
            long deadline = now + limits.watchdog().toNanos() + 10 * TICK;
            while (!delivered.isZero() && now < deadline) {
                advance(MS / 10);
            }
            assertThat(delivered).as("at rest after the quiet phase").isEqualTo(Twist.ZERO);
            stopLatency = deliveredAt - lastAccepted;
            gov.close();
        }

        Twist randomTwist() {
            int k = rnd.nextInt(20);
            if (k == 0) {
                return Twist.ZERO;
            }
            if (k == 1) {
                return new Twist(Double.NaN, rnd.nextDouble());
            }
            if (k == 2) {
                return new Twist(rnd.nextDouble(), Double.NEGATIVE_INFINITY);
            }
            double scale = k < 5 ? limits.rejectLinear() * 2 : limits.maxLinear() * 1.5;
            double scaleA = k < 5 ? limits.rejectAngular() * 2 : limits.maxAngular() * 1.5;
            return new Twist((rnd.nextDouble() * 2 - 1) * scale, (rnd.nextDouble() * 2 - 1) * scaleA);
        }

        void command(Twist t) {
            try {
                gov.send(t);
                lastAccepted = now;
                trace.append(String.format(java.util.Locale.ROOT, "c%d(%.3f)", now / MS, t.linear()));
            } catch (CommandRejectedException e) {
                trace.append('r').append(e.reason().ordinal());
            }
        }

        /** Moves the clock forward, ticking every 20 ms as the loop does. */
        void advance(long nanos) {
            long to = now + nanos;
            while (nextTick <= to) {
                now = nextTick;
                trace.append('t');
                gov.tick();
                nextTick += TICK;
                checkWatchdog();
            }
            now = to;
        }

        void checkWatchdog() {
            if (connected && !delivered.isZero() && lastAccepted != Long.MIN_VALUE) {
                long since = now - lastAccepted;
                assertThat(since).as("robot still moving %s ms after the last command (watchdog %s)", since / 1e6,
                        limits.watchdog().toMillis()).isLessThanOrEqualTo(limits.watchdog().toNanos() + TICK);
            }
        }

        void deliver(Twist t) {
            if (!connected) {
                throw new IllegalStateException("link down");
            }
            if (!t.isZero()) {
                assertThat(latched).as("non-zero %s while e-stopped here", t).isFalse();
                assertThat(robotEstopped).as("non-zero %s while the robot reports its e-stop", t).isFalse();
                assertThat(Math.abs(t.linear())).as("linear").isLessThanOrEqualTo(limits.maxLinear() + EPS);
                assertThat(Math.abs(t.angular())).as("angular").isLessThanOrEqualTo(limits.maxAngular() + EPS);
                double dt = (now - deliveredAt) / 1e9;
                assertThat(Math.abs(t.linear())).as("linear ramp").isLessThanOrEqualTo(
                        sameSign(delivered.linear(), t.linear()) + limits.linearAccel() * dt + EPS);
                assertThat(Math.abs(t.angular())).as("angular ramp").isLessThanOrEqualTo(
                        sameSign(delivered.angular(), t.angular()) + limits.angularAccel() * dt + EPS);
            }
            delivered = t;
            deliveredAt = now;
            trace.append(String.format(java.util.Locale.ROOT, "[%d %.4f %.4f]", now / MS, t.linear(), t.angular()));
        }

        private static double sameSign(double prev, double v) {
            return Math.signum(prev) == Math.signum(v) ? Math.abs(prev) : 0;
        }

        // ---- RobotBridge: the transport under the governor

        @Override
        public void send(Twist twist) {
            deliver(twist);
        }

        @Override
        public void stop() {
            deliver(Twist.ZERO);
        }

        @Override
        public void emergencyStop() {
            deliver(Twist.ZERO);
        }

        @Override
        public void resetEmergencyStop() {
            if (!connected) {
                throw new IllegalStateException("link down");
            }
            robotEstopped = false;
        }

        @Override
        public RobotState state() {
            return new RobotState(pose, Twist.ZERO, OptionalDouble.empty(), connected, robotEstopped, 0L);
        }

        @Override
        public AutoCloseable subscribe(RobotStateListener listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }
}
