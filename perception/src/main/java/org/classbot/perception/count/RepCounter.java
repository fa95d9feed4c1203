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
 * a crunch that swings 15° counts while a partial rep after full ones does not. A flex qualifies on
 * entering FLEXED, if the anchor joint stayed in place and the previous rep is at least
 * {@code minRepSeconds} back; the repetition is counted and reported when the person is back at the
 * start (FLEXED → EXTENDED), as a teacher counts, with the flexed moment and a confidence in the event.
 * A person who starts in the flexed position is not counted until they have been extended. Frames the
 * counter cannot read for over a second are reported as an uncertain stretch with guidance
 * ({@link CountListener#onUncertain}); the view (side or head-on, {@link BodyView}) is reported when it
 * changes. Not thread-safe.
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
    /** A qualified flex waiting for the return to the start: {frame, t, angle}; null when none. */
    private double[] pendingRep;
    private BodyView.View view;
    private int viewVotes;
    private static final int VIEW_FRAMES = 5;
    /** This rep cycle's evidence: frames used and skipped, summed joint scores. */
    private int usedFrames, skippedFrames;
    private double scoreSum;
    /** The stretch of unusable frames now running: start time, last time, its most frequent reason. */
    private double uncertainFrom = Double.NaN, uncertainTo;
    private final java.util.Map<String, Integer> uncertainReasons = new java.util.HashMap<>();
    private final java.util.List<Uncertain> uncertain = new java.util.ArrayList<>();
    private static final double UNCERTAIN_SECONDS = 1.0;

    /** A stretch the counter could not read, with the reason and bilingual guidance. */
    public record Uncertain(int person, double fromSeconds, double toSeconds, String reason, String guidance) {
    }

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
            return skip(frame, t, "not seen");
        }
        Exercise.Side s = chooseSide(pose);
        int[] j = exercise.joints(s);
        Keypoint a = pose.keypoint(j[0]), b = pose.keypoint(j[1]), c = pose.keypoint(j[2]);
        double conf = Math.min(a.score(), Math.min(b.score(), c.score()));
        if (conf < settings.minKeypointScore()) {
            return skip(frame, t, String.format("%s keypoint score %.2f < %.2f",
                    s.name().toLowerCase(), conf, settings.minKeypointScore()));
        }
        BodyView.Verdict verdict = BodyView.check(exercise, pose, s, settings.minKeypointScore(), view == BodyView.View.FRONT);
        if (verdict.problem() != null) {
            return skip(frame, t, verdict.problem());
        }
        // the view changes only after VIEW_FRAMES frames in a row say so (a noisy frame does not flip it)
        viewVotes = verdict.view() == view ? 0 : viewVotes + 1;
        if (view == null || viewVotes >= VIEW_FRAMES) {
            view = verdict.view();
            viewVotes = 0;
            listener.onView(person, frame, t, view.name().toLowerCase(), verdict.evidence());
        }
        closeUncertain();
        usedFrames++;
        scoreSum += conf;
        if (!Double.isNaN(lastT) && t - lastT > settings.maxGapSeconds()) {
            restart();
        }
        double raw = angle(a, b, c);
        Keypoint anchor = exercise.anchor == Exercise.Anchor.HIPS ? b : c;
        double anchorPx = anchor.x(), anchorPy = anchor.y();
        double segment = Math.max(dist(a.x(), a.y(), b.x(), b.y()), dist(b.x(), b.y(), c.x(), c.y()));
        if (view == BodyView.View.FRONT) {
            // head-on both arms are seen alike: their mean angle, and the midpoint of the hands as the anchor
            // (the better-seen side flips between frames, and the two hands are a shoulder width apart)
            int[] o = exercise.joints(s == Exercise.Side.LEFT ? Exercise.Side.RIGHT : Exercise.Side.LEFT);
            Keypoint oa = pose.keypoint(o[0]), ob = pose.keypoint(o[1]), oc = pose.keypoint(o[2]);
            Keypoint other = exercise.anchor == Exercise.Anchor.HIPS ? ob : oc;
            if (other.score() < settings.minKeypointScore()) {
                usedFrames--;
                scoreSum -= conf;
                return skip(frame, t, "front view: the other " + (exercise.anchor == Exercise.Anchor.HIPS ? "hip" : "hand") + " not seen");
            }
            anchorPx = (anchorPx + other.x()) / 2;
            anchorPy = (anchorPy + other.y()) / 2;
            if (Math.min(oa.score(), Math.min(ob.score(), oc.score())) >= settings.minKeypointScore()) {
                raw = (raw + angle(oa, ob, oc)) / 2;
                segment = (segment + Math.max(dist(oa.x(), oa.y(), ob.x(), ob.y()), dist(ob.x(), ob.y(), oc.x(), oc.y()))) / 2;
            }
        }
        double dt = Double.isNaN(lastT) ? 0 : t - lastT;
        lastT = t;
        double tau = settings.smoothingSeconds();
        double value = angleFilter.update(raw, dt, tau);
        double ax = anchorX.update(anchorPx, dt, tau), ay = anchorY.update(anchorPy, dt, tau);
        double scale = scaleFilter.update(segment, dt, tau);
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
                    double amplitude = high - low;
                    change(frame, t, State.EXTENDED, value, low + depth, false, "");
                    high = value;
                    highAnchorX = ax;
                    highAnchorY = ay;
                    return complete(frame, t, amplitude);
                }
            }
        }
        return Optional.empty();
    }

    /** Back at the start: the pending flex becomes a counted repetition. */
    private Optional<RepEvent> complete(long frame, double t, double amplitude) {
        double[] p = pendingRep;
        if (p == null) {
            return Optional.empty();
        }
        pendingRep = null;
        count++;
        double[] quality = quality(amplitude);
        String note = quality[1] == 0 ? String.format("keypoint scores %.2f", scoreSum / Math.max(1, usedFrames))
                : quality[1] == 1 ? String.format("%d of %d frames readable", usedFrames, usedFrames + skippedFrames)
                : String.format("range %.0f° of the usual %.0f°", amplitude, typicalAmplitude > 0 ? typicalAmplitude : 2 * exercise.minAmplitude);
        usedFrames = 0;
        skippedFrames = 0;
        scoreSum = 0;
        return Optional.of(new RepEvent(exercise, person, frame, t, count, p[2], (long) p[0], p[1],
                Math.round(quality[0] * 100) / 100.0, note));
    }

    /**
     * {confidence, weakest}: the weakest of the keypoint scores (0.3 → 0, 0.6 and above → 1), the share of this
     * cycle's frames that could be read, and the range against the person's usual one (the exercise's prior, twice
     * its minimum amplitude, before the first rep); weakest 0 = scores, 1 = frames, 2 = range.
     */
    private double[] quality(double amplitude) {
        double min = settings.minKeypointScore();
        double scores = clamp01((scoreSum / Math.max(1, usedFrames) - min) / Math.max(1e-6, 0.6 - min));
        double frames = usedFrames + skippedFrames == 0 ? 0 : (double) usedFrames / (usedFrames + skippedFrames);
        double usual = typicalAmplitude > 0 ? typicalAmplitude : 2 * exercise.minAmplitude;
        double range = clamp01(amplitude / usual);
        double c = Math.min(scores, Math.min(frames, range));
        return new double[] {c, c == scores ? 0 : c == frames ? 1 : 2};
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private Optional<RepEvent> skip(long frame, double t, String reason) {
        listener.onSkipped(person, frame, t, reason);
        skippedFrames++;
        if (Double.isNaN(uncertainFrom)) {
            uncertainFrom = t;
        }
        uncertainTo = t;
        uncertainReasons.merge(reason.replaceAll("[0-9.]+", "#"), 1, Integer::sum);
        return Optional.empty();
    }

    /** Ends the running stretch of unusable frames; reports it when it lasted over a second. */
    private void closeUncertain() {
        if (Double.isNaN(uncertainFrom)) {
            return;
        }
        if (uncertainTo - uncertainFrom >= UNCERTAIN_SECONDS) {
            String reason = uncertainReasons.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            Uncertain u = new Uncertain(person, uncertainFrom, uncertainTo, reason, guidance(reason));
            uncertain.add(u);
            listener.onUncertain(person, u.fromSeconds(), u.toSeconds(), u.reason(), u.guidance());
        }
        uncertainFrom = Double.NaN;
        uncertainReasons.clear();
    }

    /** What the teacher can do about a stretch the counter could not read. */
    static String guidance(String reason) {
        if (reason.startsWith("not seen")) {
            return "the student is out of view or hidden: keep the whole body in the picture / 学生不在画面中或被挡住：请让全身入镜";
        }
        if (reason.contains("keypoint score") || reason.contains("not seen (")) {
            return "the joints are hard to see (a lying pose, dim light, loose clothes): place the camera side-on, closer, in good light "
                    + "/ 关节看不清（躺姿、光线暗、衣服宽松）：请把摄像头放在侧面、靠近一些、光线充足";
        }
        if (reason.contains("horizontal")) {
            return "not in a push-up position for this camera: film side-on, or head-on at floor level / 不像俯卧撑姿势：请从侧面或正前方地面高度拍摄";
        }
        if (reason.contains("upright")) {
            return "not standing upright: film a squat side-on / 身体没有直立：请从侧面拍摄深蹲";
        }
        return "the counter could not read this stretch: place the camera side-on / 这段无法识别：请把摄像头放在侧面";
    }

    /** The stretches this person could not be read for over a second, the one still running included. */
    public java.util.List<Uncertain> uncertain() {
        java.util.List<Uncertain> out = new java.util.ArrayList<>(uncertain);
        if (!Double.isNaN(uncertainFrom) && uncertainTo - uncertainFrom >= UNCERTAIN_SECONDS) {
            String reason = uncertainReasons.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            out.add(new Uncertain(person, uncertainFrom, uncertainTo, reason, guidance(reason)));
        }
        return java.util.List.copyOf(out);
    }

    /** Starts this person's count afresh (a new student, or the teacher's reset): count, range and state. */
    public void reset() {
        count = 0;
        restart();
        amplitudes.clear();
        typicalAmplitude = 0;
        lastRepT = Double.NEGATIVE_INFINITY;
        lastDownCounted = false;
        usedFrames = 0;
        skippedFrames = 0;
        scoreSum = 0;
        uncertain.clear();
        uncertainFrom = Double.NaN;
        uncertainReasons.clear();
        lastT = Double.NaN;
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
        if (counted) {
            pendingRep = new double[] {frame, t, value};
            lastRepT = t;
        }
        return Optional.empty();
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
        lastRepT = p[1];
        lastDownCounted = state == State.FLEXED;
        listener.onStateChange(person, frame, t, state, state, p[2], p[2], true, String.format(
                "first flex at %.2f s counted: in place for %.2f s", p[1], t - p[5]));
        pendingRep = new double[] {p[0], p[1], p[2]};
        if (state == State.FLEXED) {
            return Optional.empty(); // reported when the student is back at the start
        }
        return complete(frame, t, Math.max(0, high - p[2])); // already back: report it now
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
        if (pendingRep != null) {
            listener.onStateChange(person, -1, lastT, state, State.UNKNOWN, pendingRep[2], pendingRep[2], false, String.format(
                    "flex at %.2f s not counted: the person was lost before getting back to the start", pendingRep[1]));
        }
        state = State.UNKNOWN;
        pendingFirst = null;
        pendingRep = null;
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

    private static double dist(double x1, double y1, double x2, double y2) {
        return Math.hypot(x1 - x2, y1 - y2);
    }
}
