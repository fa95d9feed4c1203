package org.classbot.bridge.safety;

import java.util.Locale;
import java.util.Objects;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.Polygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governor's decisions as a deterministic state machine: limits, clamp, ramps, geofence,
 * watchdog, e-stop and link. Every method takes the time ({@code now}, in nanos of one monotonic
 * clock) and the robot's state as arguments and reads no clock, lock or thread, so a test can drive
 * it (through the governor) with any sequence of inputs. Not thread-safe: the governor calls it
 * holding its monitor.
 */
final class SafetyPolicy {

    private static final Logger log = LoggerFactory.getLogger(SafetyGovernor.class);
    static final long KEEPALIVE_NANOS = 100_000_000L;

    /** What the governor must tell the robot after a decision. */
    sealed interface Emit permits None, Send, Stop {
    }

    record None() implements Emit {
    }

    record Send(Twist twist) implements Emit {
    }

    record Stop() implements Emit {
    }

    static final Emit NONE = new None();
    static final Emit STOP = new Stop();

    private final SafetyLimits limits;
    private Twist target = Twist.ZERO;
    private Twist output = Twist.ZERO;
    /** What the robot was last told; null when unknown (a send failed). The robot starts at rest. */
    private Twist lastSent = Twist.ZERO;
    private boolean staleOnReturn;
    private long lastCommandNanos;
    private long lastStepNanos;
    private long lastSendNanos;
    private boolean estopped;
    private boolean watchdogTripped;
    private boolean geofenceBlocked;
    private boolean clamped;
    private boolean closed;
    private boolean linkUp;
    private String lastIntervention = "";

    SafetyPolicy(SafetyLimits limits, long now, boolean linkUp) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lastStepNanos = now;
        this.linkUp = linkUp;
    }

    SafetyLimits limits() {
        return limits;
    }

    /**
     * A command from the application at {@code now}: the rejection, or null when it became the
     * (clamped) target. Call {@link #step} afterwards to learn what to send.
     */
    CommandRejectedException command(long now, Twist twist, RobotState s) {
        CommandRejectedException rejected = check(twist, s);
        if (rejected == null) {
            Twist c = new Twist(clamp(twist.linear(), limits.maxLinear()), clamp(twist.angular(), limits.maxAngular()));
            clamped = !c.equals(twist);
            if (clamped) {
                note(String.format(Locale.ROOT, "clamped %s to the limits (%.2f m/s, %.2f rad/s)", fmt(twist),
                        limits.maxLinear(), limits.maxAngular()));
            }
            target = c;
            if (c.isZero()) {
                // an all-zero command is a stop (what a remote stop() arrives as): no ramp
                output = Twist.ZERO;
            }
            lastCommandNanos = now;
            watchdogTripped = false;
        } else {
            note("rejected: " + rejected.getMessage());
            if (rejected.reason() == CommandRejectedException.Reason.NOT_FINITE
                    || rejected.reason() == CommandRejectedException.Reason.OUT_OF_RANGE) {
                // a broken controller: do not keep following its previous command
                target = Twist.ZERO;
                output = Twist.ZERO;
            }
        }
        return rejected;
    }

    /**
     * A stop at {@code now}, outside a step: target and output zero at once (the caller sends the
     * stop). The next ramp starts from rest at {@code now}, not at the last step (found by the
     * randomized test: ramping from the older step let the robot speed up by up to one loop
     * period's worth of acceleration too fast after a stop).
     */
    void halt(long now) {
        halt();
        lastStepNanos = Math.max(lastStepNanos, now);
    }

    private void halt() {
        target = Twist.ZERO;
        output = Twist.ZERO;
    }

    /** Latches the e-stop; no step from now on moves the robot until {@link #resetEstop}. */
    void latchEstop(long now) {
        estopped = true;
        halt(now);
        note("e-stop latched");
    }

    void resetEstop(long now) {
        estopped = false;
        watchdogTripped = false;
        halt(now);
        note("e-stop reset");
    }

    /** Closes the policy; false when it was closed already. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        halt();
        return true;
    }

    boolean closed() {
        return closed;
    }

    boolean latched() {
        return estopped;
    }

    /** The robot took {@code sent} at {@code now}. */
    void delivered(Twist sent, long now) {
        lastSent = sent;
        lastSendNanos = now;
    }

    /** The robot was stopped outside the control loop (e-stop): it is at rest. */
    void stoppedOutOfBand() {
        lastSent = Twist.ZERO;
    }

    /** A send failed: what the robot does is unknown, so the next step sends again. */
    void undelivered() {
        lastSent = null;
    }

    SafetyStatus status(boolean robotEstopped) {
        return new SafetyStatus(estopped || robotEstopped, watchdogTripped, geofenceBlocked, clamped, target, output,
                lastIntervention);
    }

    CommandRejectedException check(Twist t, RobotState s) {
        if (closed) {
            return new CommandRejectedException(CommandRejectedException.Reason.CLOSED, "the robot bridge is closed");
        }
        if (!Double.isFinite(t.linear()) || !Double.isFinite(t.angular())) {
            return new CommandRejectedException(CommandRejectedException.Reason.NOT_FINITE,
                    "velocity must be finite numbers, got linear=" + t.linear() + " m/s, angular=" + t.angular() + " rad/s");
        }
        if (Math.abs(t.linear()) > limits.rejectLinear() || Math.abs(t.angular()) > limits.rejectAngular()) {
            return new CommandRejectedException(CommandRejectedException.Reason.OUT_OF_RANGE, String.format(Locale.ROOT,
                    "velocity %s is out of range (|linear| <= %.2f m/s, |angular| <= %.2f rad/s accepted, limits %.2f / %.2f)",
                    fmt(t), limits.rejectLinear(), limits.rejectAngular(), limits.maxLinear(), limits.maxAngular()));
        }
        if ((estopped || s.estopped()) && !t.isZero()) {
            // a zero command is a stop: harmless, so it is taken quietly while latched
            return new CommandRejectedException(CommandRejectedException.Reason.ESTOPPED,
                    "the e-stop is latched" + (estopped ? "" : " on the robot") + "; reset it first (classbot robot reset)");
        }
        if (!s.connected()) {
            return new CommandRejectedException(CommandRejectedException.Reason.DISCONNECTED,
                    "the link to the robot is down; the robot is held at zero velocity");
        }
        return null;
    }

    /** One control step at {@code now}: interventions, ramps, geofence; says what to send. */
    Emit step(long now, RobotState s) {
        if (closed) {
            return NONE;
        }
        double dt = Math.min(0.1, Math.max(0, (now - lastStepNanos) / 1e9));
        lastStepNanos = now;
        boolean forceStop = false;
        if (estopped || s.estopped()) {
            halt();
        }
        if (!s.connected()) {
            if (!target.isZero() || !output.isZero() || lastSent == null || !lastSent.isZero()) {
                note("link to the robot lost: zero velocity");
                staleOnReturn = true;
            }
            halt();
            linkUp = false;
        } else if (!linkUp) {
            // link back: clear whatever stale motion command the transport may still replay
            linkUp = true;
            forceStop = staleOnReturn;
            staleOnReturn = false;
        }
        if (!target.isZero() && now - lastCommandNanos > limits.watchdog().toNanos()) {
            halt();
            watchdogTripped = true;
            note("watchdog: no fresh command for " + limits.watchdog().toMillis() + " ms: zero velocity");
        }
        Twist next = new Twist(ramp(output.linear(), target.linear(), limits.linearAccel() * dt),
                ramp(output.angular(), target.angular(), limits.angularAccel() * dt));
        geofenceBlocked = false;
        if (next.linear() != 0 && limits.geofence().isPresent()) {
            double allowed = fenceSpeed(limits.geofence().get(), s.pose(), Math.signum(next.linear()));
            if (allowed < Math.abs(target.linear())) {
                geofenceBlocked = true;
                note(String.format(Locale.ROOT, "geofence: %s motion from (%.2f, %.2f) held back",
                        next.linear() > 0 ? "forward" : "backward", s.pose().x(), s.pose().y()));
            }
            if (allowed < Math.abs(next.linear())) {
                next = new Twist(Math.copySign(allowed, next.linear()), next.angular());
            }
        }
        output = next;
        if (forceStop && output.isZero()) {
            return STOP;
        }
        if (!output.equals(lastSent)) {
            return output.isZero() ? STOP : new Send(output);
        }
        if (!output.isZero() && now - lastSendNanos >= KEEPALIVE_NANOS) {
            return new Send(output);
        }
        return NONE;
    }

    /**
     * The fastest speed in direction {@code dir} (+1 forward, -1 backward) from which the robot can
     * still stop, with 0.2 s of reaction and the deceleration limit, 5 cm before the fence. Below
     * 2 cm/s it is 0, so the robot comes to rest instead of creeping. Outside the fence only motion
     * that brings the robot back in is allowed.
     */
    private double fenceSpeed(Polygon fence, Pose p, double dir) {
        double dx = dir * Math.cos(p.theta());
        double dy = dir * Math.sin(p.theta());
        if (!fence.contains(p.x(), p.y())) {
            double ahead = fence.clearance(p.x() + 0.05 * dx, p.y() + 0.05 * dy);
            return ahead > fence.clearance(p.x(), p.y()) ? Double.POSITIVE_INFINITY : 0;
        }
        double free = fence.rayDistance(p.x(), p.y(), dx, dy) - 0.05;
        if (free <= 0) {
            return 0;
        }
        // v^2 / (2 a) + 0.2 v <= free
        double a2 = 1 / (2 * limits.linearAccel());
        double v = (-0.2 + Math.sqrt(0.04 + 4 * a2 * free)) / (2 * a2);
        return v < 0.02 ? 0 : v;
    }

    private void note(String why) {
        if (!why.equals(lastIntervention)) {
            log.info("safety: {}", why);
        }
        lastIntervention = why;
    }

    private static double ramp(double from, double to, double maxStep) {
        if (to > from) {
            return Math.min(to, from + maxStep);
        }
        return Math.max(to, from - maxStep);
    }

    private static double clamp(double v, double max) {
        return Math.max(-max, Math.min(max, v));
    }

    static String fmt(Twist t) {
        return String.format(Locale.ROOT, "(linear %.3f m/s, angular %.3f rad/s)", t.linear(), t.angular());
    }
}
