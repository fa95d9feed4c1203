package org.classbot.bridge.skill;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.CommandRejectedException;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.skill.SkillResult.Outcome;

/**
 * Closed-loop motions on odometry, for the planner's actions {@code move}, {@code turn} and
 * {@code go_to}: each streams velocity commands through the safety governor at 50 Hz, slows down
 * on approach, and returns when odometry says the goal is reached (2 cm / 2 degrees; the simulator
 * ends within a few millimetres), not after a sleep. Each call blocks its thread; {@link #cancel()},
 * {@code stop()} or the e-stop from any thread end it at once with the robot stopped.
 * One skill runs at a time per instance.
 */
public final class MotionSkills {

    static final double DISTANCE_TOLERANCE_M = 0.005;
    static final double ANGLE_TOLERANCE_RAD = Math.toRadians(0.5);
    private static final long PERIOD_MS = 20;
    private static final long NO_PROGRESS_MS = 2000;

    private final SafetyGovernor robot;
    private final RoomMap map;
    private volatile boolean cancelled;
    private volatile boolean held;
    private volatile Thread running;

    public MotionSkills(SafetyGovernor robot) {
        this(robot, RoomMap.classroom());
    }

    public MotionSkills(SafetyGovernor robot, RoomMap map) {
        this.robot = Objects.requireNonNull(robot, "robot");
        this.map = Objects.requireNonNull(map, "map");
    }

    public RoomMap map() {
        return map;
    }

    /** Drives straight {@code distanceM} metres (+ forward) at up to the governor's speed limit. */
    public SkillResult move(double distanceM) {
        return move(distanceM, robot.limits().maxLinear());
    }

    /** Drives straight {@code distanceM} metres (+ forward) at up to {@code speedMps} (clamped to the limits). */
    public synchronized SkillResult move(double distanceM, double speedMps) {
        if (!Double.isFinite(distanceM) || !Double.isFinite(speedMps) || speedMps <= 0) {
            return rejected(distanceM, "move needs a finite distance and a positive speed, got "
                    + distanceM + " m at " + speedMps + " m/s");
        }
        return run(distanceM, new Straight(distanceM, Math.min(speedMps, robot.limits().maxLinear())));
    }

    /** Turns in place by {@code angleDeg} degrees (+ left / counter-clockwise, REP-103; 360 = a full circle). */
    public synchronized SkillResult turn(double angleDeg) {
        if (!Double.isFinite(angleDeg)) {
            return rejected(angleDeg, "turn needs a finite angle, got " + angleDeg);
        }
        SkillResult r = run(angleDeg, new Rotation(Math.toRadians(angleDeg)));
        return new SkillResult(r.outcome(), angleDeg, Math.toDegrees(r.achieved()), r.message(), r.elapsedMillis());
    }

    /**
     * Drives to a named place of the map (name or alias, e.g. "door", "白板"): turn towards it, drive
     * straight, turn to the place's heading. Straight line: the classroom map has no inner walls.
     */
    public synchronized SkillResult goTo(String place) {
        Optional<Place> target = map.place(place == null ? "" : place);
        if (target.isEmpty()) {
            return rejected(0, "unknown place '" + place + "'; known: "
                    + map.places().stream().map(Place::name).toList());
        }
        long t0 = System.currentTimeMillis();
        Pose goal = target.get().pose();
        Pose p = robot.state().pose();
        double dist = Math.hypot(goal.x() - p.x(), goal.y() - p.y());
        if (dist > DISTANCE_TOLERANCE_M * 4) {
            double heading = Math.atan2(goal.y() - p.y(), goal.x() - p.x());
            SkillResult r = run(Math.toDegrees(angle(heading - p.theta())), new Rotation(angle(heading - p.theta())));
            if (!r.ok()) {
                return new SkillResult(r.outcome(), dist, 0, "go_to " + target.get().name() + ": " + r.message(), elapsed(t0));
            }
            p = robot.state().pose();
            dist = Math.hypot(goal.x() - p.x(), goal.y() - p.y());
            r = run(dist, new Straight(dist, robot.limits().maxLinear()));
            if (!r.ok()) {
                return new SkillResult(r.outcome(), dist, r.achieved(), "go_to " + target.get().name() + ": " + r.message(), elapsed(t0));
            }
        }
        p = robot.state().pose();
        SkillResult r = run(0, new Rotation(angle(goal.theta() - p.theta())));
        Pose end = robot.state().pose();
        double left = Math.hypot(goal.x() - end.x(), goal.y() - end.y());
        return new SkillResult(r.outcome(), 0, -left, r.ok()
                ? String.format(Locale.ROOT, "at %s (%.3f m from its pose)", target.get().name(), left)
                : "go_to " + target.get().name() + ": " + r.message(), elapsed(t0));
    }

    /**
     * Pauses the running skill, and any that starts, without ending it: it sends nothing while held (a higher-priority
     * source such as the teacher's pad drives), its timeouts do not run, and on {@link #resume()} it carries on with
     * what was left at the moment of the hold, measured from where the robot then is (the braking while it pauses
     * comes on top: a few centimetres at classroom speeds). Safe from any thread.
     */
    public void hold() {
        held = true;
    }

    /** Ends a {@link #hold()}; a held skill carries on within one control period. */
    public void resume() {
        held = false;
    }

    public boolean held() {
        return held;
    }

    /** Ends the running skill (if any) and stops the robot. Safe from any thread. */
    public void cancel() {
        cancelled = true;
        robot.stop();
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }

    // ---- the loop

    /** One kind of closed-loop motion: progress measured from odometry, and the command for it. */
    private interface Motion {
        void start(Pose p);

        /** Progress so far (m or rad) given the newest pose. */
        double progress(Pose p);

        /** The command for the remaining error. */
        Twist command(Pose p, double remaining);

        double tolerance();
    }

    private SkillResult run(double target, Motion m) {
        long t0 = System.currentTimeMillis();
        cancelled = false;
        running = Thread.currentThread();
        try {
            RobotState s = robot.state();
            if (robot.estopped()) {
                return new SkillResult(Outcome.ESTOPPED, target, 0, "the e-stop is latched; reset it first", 0);
            }
            if (!s.connected()) {
                return new SkillResult(Outcome.DISCONNECTED, target, 0, "the robot is not connected", 0);
            }
            m.start(s.pose());
            double goal = m instanceof Rotation r ? r.goal : target;
            long lastProgressAt = System.currentTimeMillis();
            double best = Double.POSITIVE_INFINITY;
            long timeoutMs = 10_000 + (long) (1000 * Math.abs(goal) / 0.1);
            double offset = 0; // progress made before a hold; after one, progress is measured afresh
            while (true) {
                if (held) {
                    double doneAtHold = m.progress(robot.state().pose());
                    long h0 = System.currentTimeMillis();
                    while (held && !cancelled) {
                        if (!pause(PERIOD_MS)) {
                            cancelled = true; // only cancel() interrupts
                        }
                    }
                    if (cancelled) {
                        robot.stop();
                        return result(Outcome.CANCELLED, target, m, offset + doneAtHold, t0, "cancelled");
                    }
                    long heldMs = System.currentTimeMillis() - h0;
                    t0 += heldMs;
                    offset += doneAtHold;
                    goal -= doneAtHold;
                    m.start(robot.state().pose());
                    best = Double.POSITIVE_INFINITY;
                    lastProgressAt = System.currentTimeMillis();
                    continue;
                }
                s = robot.state();
                double done = m.progress(s.pose());
                double remaining = goal - done;
                Outcome bad = problem(s);
                if (bad != null) {
                    robot.stop();
                    return result(bad, target, m, offset + done, t0, describe(bad));
                }
                if (Math.abs(remaining) <= m.tolerance()) {
                    robot.stop();
                    // let the last odometry land before reporting
                    pause(2 * PERIOD_MS);
                    double fin = m.progress(robot.state().pose());
                    return result(Outcome.DONE, target, m, offset + fin, t0, "done");
                }
                long now = System.currentTimeMillis();
                if (Math.abs(remaining) < best - 0.002) {
                    best = Math.abs(remaining);
                    lastProgressAt = now;
                } else if (now - lastProgressAt > NO_PROGRESS_MS) {
                    robot.stop();
                    String why = robot.status().geofenceBlocked() ? "held back by the geofence"
                            : "no progress for " + NO_PROGRESS_MS / 1000 + " s (a wall or obstacle?)";
                    return result(Outcome.BLOCKED, target, m, offset + done, t0, why);
                }
                if (now - t0 > timeoutMs) {
                    robot.stop();
                    return result(Outcome.TIMED_OUT, target, m, offset + done, t0, "took longer than " + timeoutMs / 1000 + " s");
                }
                try {
                    robot.send(m.command(s.pose(), remaining));
                } catch (CommandRejectedException e) {
                    robot.stop();
                    Outcome o = switch (e.reason()) {
                        case ESTOPPED -> Outcome.ESTOPPED;
                        case DISCONNECTED, CLOSED -> Outcome.DISCONNECTED;
                        default -> Outcome.REJECTED;
                    };
                    return result(o, target, m, offset + done, t0, e.getMessage());
                }
                if (!pause(PERIOD_MS) || cancelled) {
                    robot.stop();
                    return result(Outcome.CANCELLED, target, m, offset + m.progress(robot.state().pose()), t0, "cancelled");
                }
            }
        } finally {
            running = null;
            Thread.interrupted(); // do not leak a cancel() interrupt to the caller
        }
    }

    private Outcome problem(RobotState s) {
        if (cancelled) {
            return Outcome.CANCELLED;
        }
        if (robot.estopped()) {
            return Outcome.ESTOPPED;
        }
        if (!s.connected()) {
            return Outcome.DISCONNECTED;
        }
        return null;
    }

    private static String describe(Outcome o) {
        return switch (o) {
            case CANCELLED -> "cancelled";
            case ESTOPPED -> "e-stop latched";
            case DISCONNECTED -> "link to the robot lost";
            default -> o.name().toLowerCase(Locale.ROOT);
        };
    }

    private SkillResult result(Outcome o, double target, Motion m, double done, long t0, String msg) {
        // achieved in the motion's unit; turn() converts radians to degrees
        return new SkillResult(o, target, done, msg, elapsed(t0));
    }

    private SkillResult rejected(double target, String why) {
        return new SkillResult(Outcome.REJECTED, target, 0, why, 0);
    }

    private static long elapsed(long t0) {
        return System.currentTimeMillis() - t0;
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Speed for the remaining error: cruise, then a braking curve, then proportional, with a floor. */
    private static double profile(double remaining, double max, double decel, double gain, double floor) {
        double r = Math.abs(remaining);
        double v = Math.min(max, Math.min(Math.sqrt(2 * decel * r), gain * r));
        return Math.copySign(Math.max(floor, v), remaining);
    }

    static double angle(double a) {
        double r = Math.IEEEremainder(a, 2 * Math.PI);
        return r <= -Math.PI ? r + 2 * Math.PI : r;
    }

    private final class Straight implements Motion {
        private final double distance;
        private final double speed;
        private Pose start;

        Straight(double distance, double speed) {
            this.distance = distance;
            this.speed = speed;
        }

        @Override
        public void start(Pose p) {
            start = p;
        }

        @Override
        public double progress(Pose p) {
            return (p.x() - start.x()) * Math.cos(start.theta()) + (p.y() - start.y()) * Math.sin(start.theta());
        }

        @Override
        public Twist command(Pose p, double remaining) {
            double v = profile(remaining, speed, 0.8 * robot.limits().linearAccel(), 2.0, 0.03);
            // hold the starting heading
            double w = Math.max(-0.5, Math.min(0.5, 2.0 * angle(start.theta() - p.theta())));
            return new Twist(v, w);
        }

        @Override
        public double tolerance() {
            return DISTANCE_TOLERANCE_M;
        }

        @Override
        public String toString() {
            return "move " + distance + " m";
        }
    }

    private final class Rotation implements Motion {
        private final double goal;
        private double last;
        private double turned;

        Rotation(double goal) {
            this.goal = goal;
        }

        @Override
        public void start(Pose p) {
            last = p.theta();
            turned = 0;
        }

        @Override
        public double progress(Pose p) {
            // unwrap: a full circle (360 deg) counts as 2 pi, not 0
            turned += angle(p.theta() - last);
            last = p.theta();
            return turned;
        }

        @Override
        public Twist command(Pose p, double remaining) {
            return new Twist(0, profile(remaining, robot.limits().maxAngular(), 0.8 * robot.limits().angularAccel(), 3.0, 0.08));
        }

        @Override
        public double tolerance() {
            return ANGLE_TOLERANCE_RAD;
        }
    }
}
