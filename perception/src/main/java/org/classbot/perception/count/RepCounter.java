package org.classbot.perception.count;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;

/**
 * Counts repetitions of one exercise for ONE tracked person from a stream of poses.
 *
 * <p>Per frame: pick the better-seen side (per-side confidence smoothed, switched only on a clear
 * margin), gate on keypoint confidence and posture, compute the joint angle, remove single-frame
 * spikes with a 3-frame median, smooth with a time-based EMA. Then a hysteresis state machine:
 * EXTENDED → FLEXED when the angle falls {@code depth} below the highest angle since extended (and
 * under the exercise's absolute {@code flexedMax}); FLEXED → EXTENDED when it rises {@code depth}
 * above the lowest angle since flexed. {@code depth = max(exercise.minAmplitude, rangeFraction ×
 * typical amplitude of this person's earlier reps)} — thresholds follow the person's own range, so
 * a crunch that swings 15° counts while a partial rep after full ones does not. A repetition is
 * counted on entering FLEXED, if the anchor joint stayed in place and the previous rep is at least
 * {@code minRepSeconds} back. A person who starts in the flexed position is not counted until they
 * have been extended. Not thread-safe.
 */
public final class RepCounter {

    public enum State { UNKNOWN, EXTENDED, FLEXED }

    private final Exercise exercise;
    private final CounterSettings settings;
    private final int person;
    private final CountListener listener;

    private State state = State.UNKNOWN;
    private int count;
    private Exercise.Side side;
    private double leftConf = -1, rightConf = -1;

    private final Smoother angleFilter = new Smoother(), anchorX = new Smoother(), anchorY = new Smoother(),
            scaleFilter = new Smoother(), kneeFilter = new Smoother();
    private double kneeAngle = Double.NaN;
    private double lastT = Double.NaN;
    /** Recent anchor positions {t, x, y}: the anchor must also have been in place this long. */
    private final java.util.LinkedList<double[]> anchorHistory = new java.util.LinkedList<>();
    private static final double ANCHOR_WINDOW_SECONDS = 1.0;

    private double high = Double.NEGATIVE_INFINITY, low = Double.POSITIVE_INFINITY;
    private double highAnchorX, highAnchorY;
    private double lowAnchorX, lowAnchorY;
    private boolean hasLowAnchor;
    /** Median amplitude (peak − valley) of this person's last counted reps; 0 before the first. */
    private double typicalAmplitude;
    private final ArrayDeque<Double> amplitudes = new ArrayDeque<>();
    private double lastRepT = Double.NEGATIVE_INFINITY;
    private boolean lastDownCounted;
    /**
     * The first flex of a person watched for less than {@code minRepSeconds} (issue 14: a student
     * who starts at once): {frame, t, angle, anchor x, anchor y, watch start}; counted once the anchor
     * has then stayed in place until {@code minRepSeconds} of watching, dropped if it moves.
     */
    private double[] pendingFirst;

    public RepCounter(Exercise exercise, CounterSettings settings, int person, CountListener listener) {
        this.exercise = Objects.requireNonNull(exercise, "exercise");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.person = person;
        this.listener = listener == null ? new CountListener() { } : listener;
    }

    public RepCounter(Exercise exercise, int person) {
        this(exercise, CounterSettings.defaults(), person, null);
    }

    public int count() { return count; }

    public State state() { return state; }

    public int person() { return person; }

    public Exercise exercise() { return exercise; }

    /**
     * Feeds one frame. {@code pose} null means the person was not seen in this frame.
     * Returns the repetition completed by this frame, if any.
     */
    public Optional<RepEvent> update(long frame, double t, PoseEstimate pose) {
        if (pose == null) {
            listener.onSkipped(person, frame, t, "not seen");
            return Optional.empty();
        }
        Exercise.Side s = chooseSide(pose);
        int[] j = exercise.joints(s);
        Keypoint a = pose.keypoint(j[0]), b = pose.keypoint(j[1]), c = pose.keypoint(j[2]);
        double conf = Math.min(a.score(), Math.min(b.score(), c.score()));
        if (conf < settings.minKeypointScore()) {
            listener.onSkipped(person, frame, t, String.format("%s keypoint score %.2f < %.2f",
                    s.name().toLowerCase(), conf, settings.minKeypointScore()));
            return Optional.empty();
        }
        String posture = postureProblem(pose, s);
        if (posture != null) {
            listener.onSkipped(person, frame, t, posture);
            return Optional.empty();
        }
        if (!Double.isNaN(lastT) && t - lastT > settings.maxGapSeconds()) {
            restart();
        }
        double raw = angle(a, b, c);
        double dt = Double.isNaN(lastT) ? 0 : t - lastT;
        lastT = t;
        double tau = settings.smoothingSeconds();
        double value = angleFilter.update(raw, dt, tau);
        Keypoint anchor = exercise.anchor == Exercise.Anchor.HIPS ? b : c;
        double ax = anchorX.update(anchor.x(), dt, tau), ay = anchorY.update(anchor.y(), dt, tau);
        double scale = scaleFilter.update(
                Math.max(dist(a.x(), a.y(), b.x(), b.y()), dist(b.x(), b.y(), c.x(), c.y())), dt, tau);
        anchorHistory.addLast(new double[] {t, ax, ay});
        while (anchorHistory.size() > 1 && t - anchorHistory.get(1)[0] >= ANCHOR_WINDOW_SECONDS) {
            anchorHistory.removeFirst();
        }
        if (exercise.kneeMax < 180) {
            Keypoint hip = pose.keypoint(j[1]), knee = pose.keypoint(j[2]);
            Keypoint ankle = pose.keypoint(s == Exercise.Side.LEFT ? org.classbot.perception.Coco.LEFT_ANKLE
                    : org.classbot.perception.Coco.RIGHT_ANKLE);
            if (ankle.score() >= settings.minKeypointScore()) {
                kneeAngle = kneeFilter.update(angle(hip, knee, ankle), dt, tau);
            }
        }
        listener.onAngle(person, frame, t, s, raw, value, state);
        return step(frame, t, value, ax, ay, scale);
    }

    private Optional<RepEvent> step(long frame, double t, double value, double ax, double ay, double scale) {
        Optional<RepEvent> confirmed = confirmFirst(frame, t, ax, ay, scale);
        if (confirmed.isPresent()) {
            return confirmed;
        }
        double depth = depth();
        switch (state) {
            case UNKNOWN -> {
                trackHigh(value, ax, ay);
                trackLow(value, ax, ay);
                if (value >= low + depth) {
                    change(frame, t, State.EXTENDED, value, low + depth, false, "");
                    high = value;
                    highAnchorX = ax;
                    highAnchorY = ay;
                } else if (value <= downThreshold(depth)) {
                    return goDown(frame, t, value, ax, ay, scale, depth);
                }
            }
            case EXTENDED -> {
                trackHigh(value, ax, ay);
                if (value <= downThreshold(depth)) {
                    return goDown(frame, t, value, ax, ay, scale, depth);
                }
            }
            case FLEXED -> {
                trackLow(value, ax, ay);
                if (value >= low + depth) {
                    if (lastDownCounted && high > low) {
                        amplitudes.addLast(high - low);
                        if (amplitudes.size() > 5) {
                            amplitudes.removeFirst();
                        }
                        double[] sorted = amplitudes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                        typicalAmplitude = sorted[sorted.length / 2];
                    }
                    change(frame, t, State.EXTENDED, value, low + depth, false, "");
                    high = value;
                    highAnchorX = ax;
                    highAnchorY = ay;
                }
            }
        }
        return Optional.empty();
    }

    private double downThreshold(double depth) {
        return Math.min(high - depth, exercise.flexedMax);
    }

    private Optional<RepEvent> goDown(long frame, double t, double value, double ax, double ay, double scale,
                                      double depth) {
        double threshold = downThreshold(depth);
        String note = "";
        double moved = dist(ax, ay, highAnchorX, highAnchorY);
        if (hasLowAnchor) {
            moved = Math.max(moved, dist(ax, ay, lowAnchorX, lowAnchorY));
        }
        for (double[] h : anchorHistory) {
            moved = Math.max(moved, dist(ax, ay, h[1], h[2]));
        }
        double watched = anchorHistory.isEmpty() ? 0 : t - anchorHistory.peekFirst()[0];
        String problem = gateProblem(t, moved, scale);
        if (watched < settings.minRepSeconds()) {
            // at least one rep's duration in view, so a walker who just appeared is not a rep
            note = String.format("watched only %.2f s, need %.1f s in place", watched, settings.minRepSeconds());
            if (count == 0 && pendingFirst == null && problem == null) {
                pendingFirst = new double[] {frame, t, value, ax, ay, t - watched};
                note += "; counted if the " + exercise.anchor.name().toLowerCase() + " stays in place that long";
            }
        } else if (problem != null) {
            note = problem;
        }
        boolean counted = note.isEmpty();
        change(frame, t, State.FLEXED, value, threshold, counted, note);
        low = value;
        lowAnchorX = ax;
        lowAnchorY = ay;
        hasLowAnchor = true;
        lastDownCounted = counted;
        if (!counted) {
            return Optional.empty();
        }
        count++;
        lastRepT = t;
        return Optional.of(new RepEvent(exercise, person, frame, t, count, value));
    }

    /** Why a flex in view long enough is still not a rep (legs straight, anchor moved, too soon), or null. */
    private String gateProblem(double t, double moved, double scale) {
        if (!Double.isNaN(kneeAngle) && kneeAngle > exercise.kneeMax) {
            return String.format("knee angle %.0f > %.0f: legs straight, not a %s position", kneeAngle,
                    exercise.kneeMax, exercise.english());
        }
        if (moved > settings.anchorTolerance() * scale) {
            return String.format("%s moved %.0f px > %.1f x %.0f px segment (not in place)",
                    exercise.anchor.name().toLowerCase(), moved, settings.anchorTolerance(), scale);
        }
        if (t - lastRepT < settings.minRepSeconds()) {
            return String.format("%.2f s after the previous rep < %.2f s", t - lastRepT, settings.minRepSeconds());
        }
        return null;
    }

    /**
     * Counts the pending first flex once the person has been watched {@code minRepSeconds} with the
     * anchor in place since it, or drops it when the anchor moves (a walker, not a rep).
     */
    private Optional<RepEvent> confirmFirst(long frame, double t, double ax, double ay, double scale) {
        double[] p = pendingFirst;
        if (p == null) {
            return Optional.empty();
        }
        double moved = dist(ax, ay, p[3], p[4]);
        if (moved > settings.anchorTolerance() * scale) {
            pendingFirst = null;
            listener.onStateChange(person, frame, t, state, state, p[2], p[2], false, String.format(
                    "first flex at %.2f s dropped: %s moved %.0f px > %.1f x %.0f px segment (not in place)",
                    p[1], exercise.anchor.name().toLowerCase(), moved, settings.anchorTolerance(), scale));
            return Optional.empty();
        }
        if (t - p[5] < settings.minRepSeconds()) {
            return Optional.empty();
        }
        pendingFirst = null;
        count++;
        lastRepT = p[1];
        lastDownCounted = state == State.FLEXED;
        listener.onStateChange(person, frame, t, state, state, p[2], p[2], true, String.format(
                "first flex at %.2f s counted: in place for %.2f s", p[1], t - p[5]));
        return Optional.of(new RepEvent(exercise, person, (long) p[0], p[1], count, p[2]));
    }

    private void change(long frame, double t, State to, double value, double threshold, boolean counted, String note) {
        State from = state;
        state = to;
        listener.onStateChange(person, frame, t, from, to, value, threshold, counted, note);
    }

    private double depth() {
        return Math.max(exercise.minAmplitude, settings.rangeFraction() * typicalAmplitude);
    }

    private void trackHigh(double v, double ax, double ay) {
        if (v > high) {
            high = v;
            highAnchorX = ax;
            highAnchorY = ay;
        }
    }

    private void trackLow(double v, double ax, double ay) {
        if (v < low) {
            low = v;
            lowAnchorX = ax;
            lowAnchorY = ay;
            hasLowAnchor = state != State.UNKNOWN;
        }
    }

    private void restart() {
        state = State.UNKNOWN;
        pendingFirst = null;
        hasLowAnchor = false;
        high = Double.NEGATIVE_INFINITY;
        low = Double.POSITIVE_INFINITY;
        angleFilter.reset();
        anchorX.reset();
        anchorY.reset();
        scaleFilter.reset();
        kneeFilter.reset();
        kneeAngle = Double.NaN;
        anchorHistory.clear();
    }

    /** 3-frame median (drops single-frame spikes) followed by a time-based EMA. */
    private static final class Smoother {
        private final double[] window = new double[3];
        private int n;
        private double value = Double.NaN;

        double update(double raw, double dt, double tau) {
            if (n < 3) {
                window[n++] = raw;
            } else {
                window[0] = window[1];
                window[1] = window[2];
                window[2] = raw;
            }
            double median = n < 3 ? raw : median3(window[0], window[1], window[2]);
            if (Double.isNaN(value)) {
                value = median;
            } else {
                value += (tau <= 0 ? 1 : 1 - Math.exp(-Math.max(0, dt) / tau)) * (median - value);
            }
            return value;
        }

        void reset() {
            n = 0;
            value = Double.NaN;
        }
    }

    private Exercise.Side chooseSide(PoseEstimate pose) {
        double l = sideScore(pose, exercise.left), r = sideScore(pose, exercise.right);
        leftConf = leftConf < 0 ? l : 0.7 * leftConf + 0.3 * l;
        rightConf = rightConf < 0 ? r : 0.7 * rightConf + 0.3 * r;
        if (side == null) {
            side = leftConf >= rightConf ? Exercise.Side.LEFT : Exercise.Side.RIGHT;
        } else if (side == Exercise.Side.LEFT && rightConf > leftConf + 0.1) {
            side = Exercise.Side.RIGHT;
        } else if (side == Exercise.Side.RIGHT && leftConf > rightConf + 0.1) {
            side = Exercise.Side.LEFT;
        }
        return side;
    }

    private static double sideScore(PoseEstimate pose, int[] joints) {
        double m = 1;
        for (int j : joints) {
            m = Math.min(m, pose.keypoint(j).score());
        }
        return m;
    }

    /** Null when the body orientation fits the exercise, else the reason. */
    private String postureProblem(PoseEstimate pose, Exercise.Side s) {
        if (exercise.posture == Exercise.Posture.ANY) {
            return null;
        }
        Keypoint shoulder = pose.keypoint(s == Exercise.Side.LEFT ? org.classbot.perception.Coco.LEFT_SHOULDER
                : org.classbot.perception.Coco.RIGHT_SHOULDER);
        Keypoint hip = pose.keypoint(s == Exercise.Side.LEFT ? org.classbot.perception.Coco.LEFT_HIP
                : org.classbot.perception.Coco.RIGHT_HIP);
        if (Math.min(shoulder.score(), hip.score()) < settings.minKeypointScore()) {
            return "torso not seen (shoulder/hip score low)";
        }
        double dx = Math.abs(shoulder.x() - hip.x()), dy = hip.y() - shoulder.y();
        if (exercise.posture == Exercise.Posture.HORIZONTAL && Math.abs(dy) > dx) {
            return "torso not horizontal (push-up position)";
        }
        if (exercise.posture == Exercise.Posture.UPRIGHT && dy < 0.3 * dx) {
            return "torso not upright (squat position)";
        }
        return null;
    }

    /** Interior angle at {@code b} in degrees, 0..180. */
    public static double angle(Keypoint a, Keypoint b, Keypoint c) {
        double ux = a.x() - b.x(), uy = a.y() - b.y(), vx = c.x() - b.x(), vy = c.y() - b.y();
        double n = Math.hypot(ux, uy) * Math.hypot(vx, vy);
        if (n == 0) {
            return 180;
        }
        double cos = Math.max(-1, Math.min(1, (ux * vx + uy * vy) / n));
        return Math.toDegrees(Math.acos(cos));
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static double dist(double x1, double y1, double x2, double y2) {
        return Math.hypot(x1 - x2, y1 - y2);
    }
}
