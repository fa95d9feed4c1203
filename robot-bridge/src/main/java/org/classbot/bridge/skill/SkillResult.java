package org.classbot.bridge.skill;

/**
 * How a motion skill ended.
 *
 * @param outcome   DONE only when the goal was reached within tolerance
 * @param target    what was asked: metres for move, degrees for turn, metres to the place for go_to
 * @param achieved  what odometry says was done, same unit
 * @param message   one line for people (why it stopped, or the error left)
 * @param elapsedMillis wall time the skill ran
 */
public record SkillResult(Outcome outcome, double target, double achieved, String message, long elapsedMillis) {

    public enum Outcome {
        /** reached within tolerance (2 cm / 2 deg on the simulator) */
        DONE,
        /** {@link MotionSkills#cancel()} or a stop came in */
        CANCELLED,
        /** the e-stop is latched */
        ESTOPPED,
        /** the robot could not get on: geofence, wall, no progress */
        BLOCKED,
        /** the link to the robot went down */
        DISCONNECTED,
        /** took far longer than it should have */
        TIMED_OUT,
        /** the request itself was bad (NaN, unknown place); nothing moved */
        REJECTED
    }

    public boolean ok() {
        return outcome == Outcome.DONE;
    }

    /** The error left: target - achieved. */
    public double error() {
        return target - achieved;
    }
}
