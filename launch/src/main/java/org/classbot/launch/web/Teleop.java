package org.classbot.launch.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.bridge.Twist;
import org.classbot.bridge.safety.CommandRejectedException;
import org.classbot.bridge.safety.SafetyGovernor;

/**
 * The teacher's pad and "pause all" lock, arbitrated here on top of the governor (twist_mux-style; the governor
 * has no sources or priorities of its own yet). Every command still goes through {@link SafetyGovernor#send}, so
 * the e-stop, limits, ramps, watchdog and geofence apply unchanged.
 * <ul>
 *   <li><b>The pad is the highest-priority source.</b> While it drives, plans pause: the running step (or one that
 *       starts) sends nothing and its timeouts stop ({@code PlanExecutor.hold}); when the pad is released (or its dead
 *       man runs out) the plan carries on with what was left of the step, from where the robot then is.
 *       Speeds are capped by {@code web.teleop.*} and again by the governor's limits.</li>
 *   <li><b>Dead man.</b> The page repeats "still pressed" while the pad is held; release, blur, a hidden tab or
 *       a closed WebSocket stop at once, and without a fresh message for {@code deadmanMs} the robot stops.</li>
 *   <li><b>The lock means zero velocity, not silence</b>: while it holds, every tick sends a stop, plan
 *       motions are cancelled and the pad is refused, until the teacher releases it.</li>
 * </ul>
 * {@link #tick()} is called every 20 ms by the dashboard (by hand in tests, with an injected clock).
 */
final class Teleop {

    private final SafetyGovernor robot;
    private final Dialogue dialogue;
    private final LongSupplier nanos;
    private final double maxLinear;
    private final double maxAngular;
    private final long deadmanNanos;

    private Twist target = Twist.ZERO;
    private long deadline;
    private boolean driving;
    private boolean locked;
    private Object owner;
    private String refusal = "";

    Teleop(SafetyGovernor robot, Dialogue dialogue, LongSupplier nanos, double maxLinear, double maxAngular, long deadmanMs) {
        this.robot = Objects.requireNonNull(robot, "robot");
        this.dialogue = Objects.requireNonNull(dialogue, "dialogue");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.maxLinear = Math.min(maxLinear, robot.limits().maxLinear());
        this.maxAngular = Math.min(maxAngular, robot.limits().maxAngular());
        this.deadmanNanos = deadmanMs * 1_000_000L;
    }

    /**
     * The pad is held: {@code linear} and {@code angular} in -1..1 of the top speeds (a fraction, so the page
     * cannot ask for more than the cap). Returns null when accepted, else the bilingual reason.
     */
    String drive(Object who, double linear, double angular) {
        if (!Double.isFinite(linear) || !Double.isFinite(angular)) {
            return "the pad sends numbers -1..1 / 遥控数值无效";
        }
        Twist t = new Twist(clamp(linear) * maxLinear, clamp(angular) * maxAngular);
        boolean takeOver;
        synchronized (this) {
            if (locked) {
                return refused("全部暂停中，先解除 / everything is paused by the teacher; release the lock first");
            }
            takeOver = !driving;
            driving = true;
            owner = who;
            target = t;
            deadline = nanos.getAsLong() + deadmanNanos;
        }
        if (takeOver) {
            // the teacher takes over: the running plan (or one that starts) pauses where it is, sending nothing,
            // and carries on with what was left when the pad is released
            dialogue.executor().hold();
        }
        try {
            robot.send(t);
        } catch (CommandRejectedException e) {
            release(who);
            return refused("遥控被拒绝 / refused: " + e.getMessage());
        }
        synchronized (this) {
            refusal = "";
        }
        return null;
    }

    /** The pad was released (or the page lost focus, hid, closed its socket): zero at once. */
    void release(Object who) {
        boolean was;
        synchronized (this) {
            was = driving && (who == null || Objects.equals(who, owner));
            if (was) {
                driving = false;
                target = Twist.ZERO;
                owner = null;
            }
        }
        if (was) {
            robot.stop();
            dialogue.executor().resume();
        }
    }

    /** "Pause all": holds the robot at zero (plans' motions cancelled, the pad refused) until released. */
    void lock(boolean on) {
        synchronized (this) {
            locked = on;
            if (on) {
                driving = false;
                target = Twist.ZERO;
                owner = null;
            }
        }
        if (on) {
            dialogue.executor().resume(); // nothing stays paused behind the lock: the lock cancels instead
            if (dialogue.busy()) {
                dialogue.executor().cancel();
            }
            robot.stop();
        }
    }

    /** One arbitration step (every 20 ms). */
    void tick() {
        boolean stop = false;
        boolean fight = false;
        boolean resume = false;
        Twist resend = null;
        synchronized (this) {
            if (locked) {
                stop = true;
                fight = !robot.status().target().isZero();
            } else if (driving) {
                if (nanos.getAsLong() - deadline > 0) {
                    driving = false;
                    target = Twist.ZERO;
                    owner = null;
                    stop = true;
                    resume = true;
                } else {
                    Twist now = robot.status().target();
                    fight = Math.abs(now.linear() - target.linear()) > 1e-6 || Math.abs(now.angular() - target.angular()) > 1e-6;
                    resend = target;
                }
            }
        }
        if (fight) {
            // a lower-priority source tried to move: it loses. Not only the dialogue's plans: an MCP assistant inside
            // `run --mcp` runs plans on the same executor without the dialogue, and the lock must hold it too.
            dialogue.executor().cancel();
        }
        if (stop) {
            robot.stop();
        } else if (resend != null) {
            try {
                robot.send(resend);
            } catch (CommandRejectedException e) {
                synchronized (this) {
                    driving = false;
                    target = Twist.ZERO;
                    refusal = e.getMessage();
                }
                robot.stop();
                resume = true;
            }
        }
        if (resume) {
            dialogue.executor().resume(); // the pad let go (dead man, refused): the paused plan carries on
        }
    }

    synchronized Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("driving", driving);
        m.put("locked", locked);
        m.put("max_linear", maxLinear);
        m.put("max_angular", maxAngular);
        m.put("linear", target.linear());
        m.put("angular", target.angular());
        m.put("refusal", refusal);
        return m;
    }

    synchronized boolean locked() {
        return locked;
    }

    private synchronized String refused(String why) {
        refusal = why;
        return why;
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
