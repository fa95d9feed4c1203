package org.classbot.bridge.safety;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.transport.Daemons;
import org.classbot.bridge.transport.StateListeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety policy between an application and a robot: every command an application sends goes
 * through here, and only the governor talks to the transport's bridge.
 *
 * <ul>
 *   <li>NaN, infinite and absurd speeds are rejected with a reason (and the robot is stopped);
 *       speeds above the limits are clamped.</li>
 *   <li>Speed changes are ramped by the acceleration limits; stops (including an all-zero
 *       command) are immediate.</li>
 *   <li>Watchdog: no fresh command within {@code watchdog} -> zero velocity.</li>
 *   <li>Geofence: forward/backward speed is capped so that the robot can always stop 5 cm before
 *       the fence (ray cast along its heading); turning stays allowed.</li>
 *   <li>Latched e-stop: {@link #emergencyStop()} holds the robot until {@link #resetEmergencyStop()};
 *       an e-stop the robot itself reports blocks commands too.</li>
 *   <li>When the link to the robot drops, the output goes to zero and a fresh command is needed
 *       after it comes back.</li>
 * </ul>
 * A 50 Hz control loop applies ramps, watchdog and geofence, and repeats a non-zero output every
 * 100 ms so that a robot-side watchdog does not fire while the application is still commanding.
 */
public final class SafetyGovernor implements RobotBridge {

    private static final Logger log = LoggerFactory.getLogger(SafetyGovernor.class);
    private static final long TICK_MS = 20;
    private static final long KEEPALIVE_NANOS = 100_000_000L;

    private sealed interface Emit permits None, Send, Stop {
    }

    private record None() implements Emit {
    }

    private record Send(Twist twist) implements Emit {
    }

    private record Stop() implements Emit {
    }

    private static final Emit NONE = new None();
    private static final Emit STOP = new Stop();

    private final RobotBridge robot;
    private final SafetyLimits limits;
    private final ScheduledExecutorService clock;
    private final StateListeners listeners = new StateListeners();
    private final AutoCloseable robotSubscription;
    /** Serialises calls into the robot so that a stop is never overtaken by an older command. */
    private final Object io = new Object();

    // guarded by this
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

    private SafetyGovernor(RobotBridge robot, SafetyLimits limits) {
        this.robot = Objects.requireNonNull(robot, "robot");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lastStepNanos = System.nanoTime();
        this.linkUp = robot.state().connected();
        this.robotSubscription = robot.subscribe(this::onRobotState);
        this.clock = Daemons.scheduler("classbot-safety");
        clock.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Puts the robot under this policy. A governor is not wrapped twice. */
    public static SafetyGovernor wrap(RobotBridge robot, SafetyLimits limits) {
        if (robot instanceof SafetyGovernor) {
            throw new IllegalArgumentException("this robot bridge is already governed");
        }
        return new SafetyGovernor(robot, limits);
    }

    public SafetyLimits limits() {
        return limits;
    }

    /**
     * Accepts a velocity command (clamped and ramped as the limits say).
     *
     * @throws CommandRejectedException with the reason when the command is not finite, out of range,
     *                                  the e-stop is latched, the link is down, or the bridge is closed
     */
    @Override
    public void send(Twist twist) {
        Objects.requireNonNull(twist, "twist");
        CommandRejectedException rejected;
        synchronized (io) {
            Emit e;
            synchronized (this) {
                long now = System.nanoTime();
                RobotState s = robot.state();
                rejected = check(twist, s);
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
                e = closed ? NONE : step(now, s);
            }
            emit(e);
        }
        if (rejected != null) {
            throw rejected;
        }
    }

    /** Zero velocity now, without a ramp. */
    @Override
    public void stop() {
        synchronized (io) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                target = Twist.ZERO;
                output = Twist.ZERO;
            }
            emit(STOP);
        }
    }

    /**
     * Latches the e-stop here and on the robot (where the transport carries it); only a reset clears it.
     *
     * @throws RuntimeException from the transport when the robot could not be told (the local latch
     *                          holds anyway and a plain stop was attempted)
     */
    @Override
    public void emergencyStop() {
        synchronized (this) {
            // latch first, so that no step computed from now on can move the robot
            estopped = true;
            target = Twist.ZERO;
            output = Twist.ZERO;
            note("e-stop latched");
        }
        log.info("e-stop latched");
        RuntimeException undelivered = null;
        synchronized (io) {
            try {
                robot.emergencyStop();
            } catch (RuntimeException ex) {
                log.warn("robot did not take the e-stop message ({}); stopping it", ex.toString());
                safeStop();
                undelivered = ex;
            }
            synchronized (this) {
                lastSent = Twist.ZERO;
            }
        }
        listeners.publish(state());
        if (undelivered != null) {
            throw undelivered;
        }
    }

    /** Clears the latched e-stop (here and on the robot). The robot stays still until a fresh command. */
    @Override
    public void resetEmergencyStop() {
        synchronized (io) {
            robot.resetEmergencyStop();
            synchronized (this) {
                estopped = false;
                watchdogTripped = false;
                target = Twist.ZERO;
                output = Twist.ZERO;
                note("e-stop reset");
            }
        }
        log.info("e-stop reset");
        listeners.publish(state());
    }

    public synchronized boolean estopped() {
        return estopped || robot.state().estopped();
    }

    @Override
    public RobotState state() {
        RobotState s = robot.state();
        boolean latched;
        synchronized (this) {
            latched = estopped;
        }
        return latched && !s.estopped() ? s.withEstopped(true) : s;
    }

    public synchronized SafetyStatus status() {
        return new SafetyStatus(estopped || robot.state().estopped(), watchdogTripped, geofenceBlocked, clamped,
                target, output, lastIntervention);
    }

    @Override
    public AutoCloseable subscribe(RobotStateListener listener) {
        return listeners.add(listener);
    }

    @Override
    public void say(String text) {
        robot.say(text);
    }

    @Override
    public void close() {
        synchronized (io) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                target = Twist.ZERO;
                output = Twist.ZERO;
            }
            clock.shutdownNow();
            safeStop();
        }
        try {
            robotSubscription.close();
        } catch (Exception e) {
            log.debug("unsubscribe failed", e);
        }
        robot.close();
    }

    // ---- policy

    private CommandRejectedException check(Twist t, RobotState s) {
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
    private Emit step(long now, RobotState s) {
        double dt = Math.min(0.1, Math.max(0, (now - lastStepNanos) / 1e9));
        lastStepNanos = now;
        boolean forceStop = false;
        if (estopped || s.estopped()) {
            target = Twist.ZERO;
            output = Twist.ZERO;
        }
        if (!s.connected()) {
            if (!target.isZero() || !output.isZero() || lastSent == null || !lastSent.isZero()) {
                note("link to the robot lost: zero velocity");
                staleOnReturn = true;
            }
            target = Twist.ZERO;
            output = Twist.ZERO;
            linkUp = false;
        } else if (!linkUp) {
            // link back: clear whatever stale motion command the transport may still replay
            linkUp = true;
            forceStop = staleOnReturn;
            staleOnReturn = false;
        }
        if (!target.isZero() && now - lastCommandNanos > limits.watchdog().toNanos()) {
            target = Twist.ZERO;
            output = Twist.ZERO;
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

    // ---- plumbing

    private void tick() {
        try {
            synchronized (io) {
                Emit e;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    e = step(System.nanoTime(), robot.state());
                }
                emit(e);
            }
        } catch (RuntimeException ex) {
            log.warn("safety loop step failed", ex);
        }
    }

    /** Called holding {@link #io}, not holding this. */
    private void emit(Emit e) {
        Twist sent;
        try {
            if (e instanceof Send s) {
                robot.send(s.twist());
                sent = s.twist();
            } else if (e instanceof Stop) {
                robot.stop();
                sent = Twist.ZERO;
            } else {
                return;
            }
        } catch (RuntimeException ex) {
            log.debug("robot did not take the command: {}", ex.toString());
            synchronized (this) {
                lastSent = null; // unknown: send again next step
            }
            return;
        }
        synchronized (this) {
            lastSent = sent;
            lastSendNanos = System.nanoTime();
        }
    }

    private void safeStop() {
        try {
            robot.stop();
        } catch (RuntimeException ex) {
            log.debug("stop not delivered: {}", ex.toString());
        }
    }

    private void onRobotState(RobotState s) {
        if (!listeners.isEmpty()) {
            boolean latched;
            synchronized (this) {
                latched = estopped;
            }
            listeners.publish(latched && !s.estopped() ? s.withEstopped(true) : s);
        }
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

    private static String fmt(Twist t) {
        return String.format(Locale.ROOT, "(linear %.3f m/s, angular %.3f rad/s)", t.linear(), t.angular());
    }
}
