package org.classbot.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.safety.CommandRejectedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The governor's policy, on the real simulator (the robot's measured velocity is what counts). */
class SafetyGovernorSimTest {

    private SafetyGovernor robot;

    private SafetyGovernor connect(SafetyLimits limits) {
        robot = RobotBridges.connect(ConnectionSpec.builder("sim").build(), limits);
        return robot;
    }

    @AfterEach
    void close() {
        if (robot != null) {
            robot.close();
        }
    }

    @Test
    void should_stop_when_watchdog_expires() throws Exception {
        long watchdogMs = 300;
        SafetyGovernor r = connect(SafetyLimits.builder().watchdog(Duration.ofMillis(watchdogMs)).build());
        AtomicLong stoppedAt = new AtomicLong();
        AtomicLong lastCommand = new AtomicLong(Long.MAX_VALUE);
        for (int i = 0; i < 8; i++) {
            r.send(new Twist(0.3, 0));
            lastCommand.set(System.nanoTime());
            Thread.sleep(50);
        }
        assertThat(r.state().velocity().linear()).as("moving while commanded").isPositive();
        r.subscribe(s -> {
            if (s.velocity().linear() == 0 && stoppedAt.get() == 0) {
                stoppedAt.set(System.nanoTime());
            }
        });
        Thread.sleep(watchdogMs + 400);
        assertThat(stoppedAt.get()).as("robot stopped").isNotZero();
        long ms = (stoppedAt.get() - lastCommand.get()) / 1_000_000;
        assertThat(ms).as("stop after the last command, ms").isBetween(watchdogMs - 20, watchdogMs + 50);
        assertThat(r.status().watchdogTripped()).isTrue();
        assertThat(r.status().lastIntervention()).contains("watchdog");
    }

    @Test
    void should_latch_estop_until_reset() throws Exception {
        SafetyGovernor r = connect(SafetyLimits.defaults());
        r.send(new Twist(0.3, 0));
        Thread.sleep(200);
        r.emergencyStop();
        Thread.sleep(60);
        assertThat(r.state().velocity().linear()).isZero();
        assertThat(r.state().estopped()).isTrue();
        assertThatThrownBy(() -> r.send(new Twist(0.2, 0))).isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("e-stop").extracting(e -> ((CommandRejectedException) e).reason()).isEqualTo(Reason.ESTOPPED);
        r.stop(); // a plain stop does not clear the latch
        Thread.sleep(600);
        assertThat(r.estopped()).isTrue();
        assertThatThrownBy(() -> r.send(new Twist(0.2, 0))).isInstanceOf(CommandRejectedException.class);
        assertThat(r.state().velocity().linear()).isZero();
        r.resetEmergencyStop();
        assertThat(r.estopped()).isFalse();
        assertThat(r.state().velocity().linear()).as("reset alone does not move the robot").isZero();
        for (int i = 0; i < 5; i++) {
            r.send(new Twist(0.2, 0));
            Thread.sleep(60);
        }
        assertThat(r.state().velocity().linear()).isPositive();
    }

    @Test
    void should_block_motion_out_of_the_geofence_but_allow_turning_and_backing_in() throws Exception {
        SafetyGovernor r = connect(SafetyLimits.builder().geofence(Polygon.rectangle(-1, -1, 1, 1)).build());
        for (int i = 0; i < 60; i++) {
            r.send(new Twist(0.5, 0));
            Thread.sleep(50);
        }
        assertThat(r.state().pose().x()).as("held inside x <= 1").isLessThan(1.0).isGreaterThan(0.6);
        assertThat(r.state().velocity().linear()).isZero();
        assertThat(r.status().geofenceBlocked()).isTrue();
        double x = r.state().pose().x();
        for (int i = 0; i < 6; i++) {
            r.send(new Twist(0.5, 1.0));
            Thread.sleep(50);
        }
        assertThat(r.state().velocity().angular()).as("turning at the fence is allowed").isPositive();
        for (int i = 0; i < 10; i++) {
            r.send(new Twist(-0.3, 0));
            Thread.sleep(50);
        }
        assertThat(r.state().pose().x()).as("backing into the fence is allowed").isLessThan(x);
    }

    @Test
    void should_clamp_speeds_to_the_limits() throws Exception {
        SafetyGovernor r = connect(SafetyLimits.builder().maxLinear(0.3).maxAngular(0.8).build());
        for (int i = 0; i < 15; i++) {
            r.send(new Twist(2.0, -5.0));
            Thread.sleep(50);
        }
        assertThat(r.state().velocity().linear()).isEqualTo(0.3);
        assertThat(r.state().velocity().angular()).isEqualTo(-0.8);
        assertThat(r.status().clamped()).isTrue();
    }

    @Test
    void should_ramp_acceleration() throws Exception {
        SafetyGovernor r = connect(SafetyLimits.builder().linearAccel(0.5).build());
        long t0 = System.nanoTime();
        r.send(new Twist(0.5, 0));
        Thread.sleep(200);
        r.send(new Twist(0.5, 0));
        double early = r.state().velocity().linear();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertThat(early).as("at most accel x elapsed after %.3f s", elapsed).isLessThanOrEqualTo(0.5 * elapsed + 0.02).isPositive();
        for (int i = 0; i < 10; i++) {
            r.send(new Twist(0.5, 0));
            Thread.sleep(100);
        }
        assertThat(r.state().velocity().linear()).isEqualTo(0.5);
        r.stop();
        Thread.sleep(60);
        assertThat(r.state().velocity().linear()).as("stops are not ramped").isZero();
    }

    @Test
    void should_reject_nan_infinite_and_out_of_range_with_a_reason_and_stop() throws Exception {
        SafetyGovernor r = connect(SafetyLimits.defaults());
        r.send(new Twist(0.2, 0));
        Thread.sleep(200);
        assertThatThrownBy(() -> r.send(new Twist(Double.NaN, 0))).isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("finite").extracting(e -> ((CommandRejectedException) e).reason()).isEqualTo(Reason.NOT_FINITE);
        Thread.sleep(60);
        assertThat(r.state().velocity().linear()).as("a broken controller's previous command is not followed").isZero();
        assertThatThrownBy(() -> r.send(new Twist(0, Double.POSITIVE_INFINITY))).hasMessageContaining("finite");
        assertThatThrownBy(() -> r.send(new Twist(50, 0))).isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("out of range").extracting(e -> ((CommandRejectedException) e).reason()).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(r.status().lastIntervention()).startsWith("rejected");
    }

    @Test
    void should_refuse_to_wrap_a_governor_twice() {
        SafetyGovernor r = connect(SafetyLimits.defaults());
        assertThatThrownBy(() -> SafetyGovernor.wrap(r, SafetyLimits.defaults())).hasMessageContaining("already governed");
    }

    @Test
    void should_refuse_commands_after_close() {
        SafetyGovernor r = connect(SafetyLimits.defaults());
        r.close();
        assertThatThrownBy(() -> r.send(new Twist(0.1, 0))).isInstanceOf(CommandRejectedException.class).hasMessageContaining("closed");
        assertThat(r.state().connected()).isFalse();
    }
}
