package org.classbot.perception.count;

/**
 * Observes a counter's reasoning ({@code --explain}): the angle per frame and each state change
 * with the threshold that caused it. All methods default to doing nothing.
 */
public interface CountListener {

    /** A frame the counter used: the side chosen, the raw and the smoothed angle (degrees). */
    default void onAngle(int person, long frame, double t, Exercise.Side side, double raw, double smoothed,
                         RepCounter.State state) {
    }

    /** A frame the counter could not use, with the reason (low keypoint score, posture, ...). */
    default void onSkipped(int person, long frame, double t, String reason) {
    }

    /**
     * A state change. {@code threshold} is the angle that was crossed; {@code counted} whether
     * the change completed a repetition; {@code note} why a flexed state did not count, or "".
     */
    default void onStateChange(int person, long frame, double t, RepCounter.State from, RepCounter.State to,
                               double angle, double threshold, boolean counted, String note) {
    }

    /**
     * The view the counter reads the movement from changed ({@code "side"} or {@code "front"}), with the evidence:
     * e.g. "shoulders 92 px apart, torso 20 px tall, wrists below the shoulders: a push-up seen head-on".
     */
    default void onView(int person, long frame, double t, String view, String evidence) {
    }

    /**
     * A stretch the counter could not read ({@code from}..{@code to} seconds, longer than a second): the reason
     * (lying pose seen badly, occlusion, person lost, wrong orientation) and bilingual guidance for the teacher.
     * Repetitions in such a stretch are not counted rather than guessed.
     */
    default void onUncertain(int person, double from, double to, String reason, String guidance) {
    }
}
