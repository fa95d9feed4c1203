package org.classbot.perception.count;

/**
 * Tuning of a {@link RepCounter}; {@link #defaults()} are the documented defaults (perception
 * README, "Counting"). Thresholds that depend on the exercise live in {@link Exercise}.
 *
 * @param minKeypointScore a joint is used only at or above this model confidence (MoveNet's own demo
 *                         draws keypoints from 0.3)
 * @param smoothingSeconds EMA time constant of the angle, after a 3-frame median that removes
 *                         single-frame keypoint jumps
 * @param rangeFraction    once reps have been seen, a new rep must move at least this fraction of
 *                         the person's own typical rep amplitude (adaptive range)
 * @param minRepSeconds    two reps closer than this are one (fastest test cadences are ≈ 1 rep/s)
 * @param maxGapSeconds    a person unseen or badly seen longer than this starts afresh (filters and
 *                         state reset; the learnt amplitude is kept)
 * @param anchorTolerance  the anchor joint (hips, hands, feet) may move at most this many body
 *                         segments during the descent — walking moves them much more
 */
public record CounterSettings(double minKeypointScore, double smoothingSeconds, double rangeFraction,
                              double minRepSeconds, double maxGapSeconds, double anchorTolerance) {

    public static CounterSettings defaults() {
        return new CounterSettings(0.3, 0.12, 0.4, 0.6, 1.0, 0.5);
    }

    public CounterSettings withMinKeypointScore(double v) {
        return new CounterSettings(v, smoothingSeconds, rangeFraction, minRepSeconds, maxGapSeconds, anchorTolerance);
    }
}
