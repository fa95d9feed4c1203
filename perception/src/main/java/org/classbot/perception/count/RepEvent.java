package org.classbot.perception.count;

/**
 * One repetition, reported when the movement completes (back at the start, as a teacher counts): which tracked
 * person, the frame and time of completion, the running count for that person, the flexed moment (frame, time and
 * smoothed angle at the bottom of a squat or push-up, the top of a sit-up), and how sure the counter is.
 *
 * @param confidence     0..1, the weakest of: the joints' keypoint scores, the share of the rep's frames the
 *                       counter could use, and the rep's range against the person's usual range (or the
 *                       exercise's prior before the first rep)
 * @param confidenceNote which of the three was weakest, in words ("keypoint scores 0.41", ...)
 */
public record RepEvent(Exercise exercise, int person, long frame, double timeSeconds, int count, double angle,
                       long flexedFrame, double flexedSeconds, double confidence, String confidenceNote) {
}
