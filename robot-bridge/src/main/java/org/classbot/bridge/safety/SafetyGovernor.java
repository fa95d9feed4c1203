package org.classbot.bridge.safety;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
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
 *
 * <p>The decisions live in the package-private {@link SafetyPolicy} (a deterministic function of
 * time and inputs); this class holds the locks, the control loop and the calls into the robot.
 */
public final class SafetyGovernor implements RobotBridge {

    private static final Logger log = LoggerFactory.getLogger(SafetyGovernor.class);
    static final long TICK_MS = 20;

    private final RobotBridge robot;
    private final SafetyPolicy policy;
    private final LongSupplier nanos;
    /** The control loop; null when the ticks are driven by hand ({@link #tick()}, tests). */
    private final ScheduledExecutorService clock;
    private final StateListeners listeners = new StateListeners();
    private final AutoCloseable robotSubscription;
    /** Serialises calls into the robot so that a stop is never overtaken by an older command. */
    private final Object io = new Object();

    /**
     * A governor reading time from {@code nanos}; with a {@code clock} it runs its own 50 Hz loop on
     * it (and shuts it down on close), without one the caller drives {@link #tick()}.
     */
    SafetyGovernor(RobotBridge robot, SafetyLimits limits, LongSupplier nanos, ScheduledExecutorService clock) {
        this.robot = Objects.requireNonNull(robot, "robot");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.policy = new SafetyPolicy(limits, nanos.getAsLong(), robot.state().connected());
        this.robotSubscription = robot.subscribe(this::onRobotState);
        this.clock = clock;
        if (clock != null) {
            clock.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Puts the robot under this policy. A governor is not wrapped twice. */
    public static SafetyGovernor wrap(RobotBridge robot, SafetyLimits limits) {
        if (robot instanceof SafetyGovernor) {
            throw new IllegalArgumentException("this robot bridge is already governed");
        }
        Objects.requireNonNull(limits, "limits");
        return new SafetyGovernor(robot, limits, System::nanoTime, Daemons.scheduler("classbot-safety"));
    }

    public SafetyLimits limits() {
        return policy.limits();
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
            SafetyPolicy.Emit e;
            synchronized (this) {
                long now = nanos.getAsLong();
                RobotState s = robot.state();
                rejected = policy.command(now, twist, s);
                e = policy.step(now, s);
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
                if (policy.closed()) {
                    return;
                }
                policy.halt(nanos.getAsLong());
            }
            emit(SafetyPolicy.STOP);
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
            policy.latchEstop(nanos.getAsLong());
        }
        log.info("e-stop latched");
        RuntimeException undelivered = null;
        synchronized (io) {
            boolean atRest;
            try {
                robot.emergencyStop();
                atRest = true;
            } catch (RuntimeException ex) {
                log.warn("robot did not take the e-stop message ({}); stopping it", ex.toString());
                atRest = safeStop();
                undelivered = ex;
            }
            synchronized (this) {
                if (atRest) {
                    policy.stoppedOutOfBand();
                } else {
                    // nothing reached the robot: keep stopping it until something does (found by the
                    // randomized test: an e-stop during a link loss used to count as delivered)
                    policy.undelivered();
                }
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
                policy.resetEstop(nanos.getAsLong());
            }
        }
        log.info("e-stop reset");
        listeners.publish(state());
    }

    public synchronized boolean estopped() {
        return policy.latched() || robot.state().estopped();
    }

    @Override
    public RobotState state() {
        RobotState s = robot.state();
        boolean latched;
        synchronized (this) {
            latched = policy.latched();
        }
        return latched && !s.estopped() ? s.withEstopped(true) : s;
    }

    /** The transport's own account of what is wrong with the link ({@link RobotBridge#problem()}). */
    @Override
    public java.util.Optional<String> problem() {
        return robot.problem();
    }

    public synchronized SafetyStatus status() {
        return policy.status(robot.state().estopped());
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
                if (!policy.close()) {
                    return;
                }
            }
            if (clock != null) {
                clock.shutdownNow();
            }
            safeStop();
        }
        try {
            robotSubscription.close();
        } catch (Exception e) {
            log.debug("unsubscribe failed", e);
        }
        robot.close();
    }

    // ---- plumbing

    /** One control step now (the loop calls it every {@value #TICK_MS} ms; tests call it by hand). */
    void tick() {
        try {
            synchronized (io) {
                SafetyPolicy.Emit e;
                synchronized (this) {
                    if (policy.closed()) {
                        return;
                    }
                    e = policy.step(nanos.getAsLong(), robot.state());
                }
                emit(e);
            }
        } catch (RuntimeException ex) {
            log.warn("safety loop step failed", ex);
        }
    }

    /** Called holding {@link #io}, not holding this. */
    private void emit(SafetyPolicy.Emit e) {
        Twist sent;
        try {
            if (e instanceof SafetyPolicy.Send s) {
                robot.send(s.twist());
                sent = s.twist();
            } else if (e instanceof SafetyPolicy.Stop) {
                robot.stop();
                sent = Twist.ZERO;
            } else {
                return;
            }
        } catch (RuntimeException ex) {
            log.debug("robot did not take the command: {}", ex.toString());
            synchronized (this) {
                policy.undelivered();
            }
            return;
        }
        synchronized (this) {
            policy.delivered(sent, nanos.getAsLong());
        }
    }

    /** True when the robot took the stop. */
    private boolean safeStop() {
        try {
            robot.stop();
            return true;
        } catch (RuntimeException ex) {
            log.debug("stop not delivered: {}", ex.toString());
            return false;
        }
    }

    private void onRobotState(RobotState s) {
        if (!listeners.isEmpty()) {
            boolean latched;
            synchronized (this) {
                latched = policy.latched();
            }
            listeners.publish(latched && !s.estopped() ? s.withEstopped(true) : s);
        }
    }
}
