package org.classbot.perception.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.classbot.perception.Box;
import org.classbot.perception.Coco;
import org.classbot.perception.Detection;
import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.StageTimes;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.count.RepEvent;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.track.IouTracker;
import org.classbot.perception.track.Track;

/**
 * Detection → tracking → pose per person → one repetition counter per person, frame by frame.
 *
 * <ul>
 * <li><b>Detection</b> runs every {@code detectEvery} frames (and whenever nobody is tracked); people
 *   (COCO class 0, score ≥ {@code minPersonScore}) feed an {@link IouTracker} for stable ids.</li>
 * <li><b>Pose</b>: a single-pose model (MoveNet) runs once per tracked person on a square crop — around
 *   the person's previous keypoints when they were good (as MoveNet's own demo does: it keeps the
 *   model on one person and at a useful scale), else around the tracker's box. A multi-pose model
 *   (YOLO pose) runs once on the frame and its poses are paired with tracks by box overlap.
 *   Without a detector, a single-pose model follows one person (id 1) from the whole frame, and a
 *   multi-pose model's own person boxes feed the tracker.
 * When the detector finds nobody, a confident whole-frame single pose stands in for the person.</li>
 * <li><b>Counting</b>: each {@link ExerciseCounter} gets the poses keyed by track id.</li>
 * </ul>
 * Results go to the {@link PerceptionListener}s and are returned. {@link #run} is the one frame loop
 * callers use (CLI commands, the agent's camera). The pipeline <b>borrows</b> its models: closing it
 * closes nothing it was given. Not thread-safe, except {@link #stop()}.
 */
public final class PerceptionPipeline implements AutoCloseable {

    /** A person's keypoints at or above this score shape the next crop. */
    static final double CROP_KEYPOINT_SCORE = 0.2;
    /** A pose whose mean keypoint score is below this is treated as no pose. */
    static final double MIN_POSE_SCORE = 0.12;
    /** A whole-frame pose this confident stands in for a missed person detection. */
    static final double SEED_POSE_SCORE = 0.3;

    private final Detector detector;
    private final PoseEstimator pose;
    private final IouTracker tracker;
    private final List<ExerciseCounter> counters;
    private final List<PerceptionListener> listeners;
    private final int detectEvery;
    private final int maxPeople;
    private final double minPersonScore;
    private final Map<Integer, PoseEstimate> lastPose = new HashMap<>();
    private long processed;
    private Timings last = Timings.ZERO;
    private volatile boolean stopRequested;

    /**
     * Wall time of the last frame's stages, nanoseconds, and the models' own split of that time
     * ({@code detector}: the detector's call; {@code pose}: all pose calls of the frame summed), as the
     * models report it through {@code lastTimes()}.
     */
    public record Timings(long detectNanos, long trackNanos, long poseNanos, long countNanos, int poseCalls,
                          StageTimes detector, StageTimes pose) {
        static final Timings ZERO = new Timings(0, 0, 0, 0, 0, StageTimes.NONE, StageTimes.NONE);

        public long totalNanos() { return detectNanos + trackNanos + poseNanos + countNanos; }
    }

    private PerceptionPipeline(Builder b) {
        if (b.detector == null && b.pose == null) {
            throw new IllegalArgumentException("a pipeline needs a detector, a pose model, or both");
        }
        this.detector = b.detector;
        this.pose = b.pose;
        this.tracker = b.tracker != null ? b.tracker : new IouTracker();
        this.counters = List.copyOf(b.counters);
        this.listeners = List.copyOf(b.listeners);
        this.detectEvery = b.detectEvery;
        this.maxPeople = b.maxPeople;
        this.minPersonScore = b.minPersonScore;
        if (!counters.isEmpty() && pose == null) {
            throw new IllegalArgumentException("counting repetitions needs a pose model");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public FrameResult process(Frame frame) {
        long t0 = System.nanoTime();
        boolean single = pose != null && pose.singlePose();
        boolean runDetector = detector != null
                && (processed % detectEvery == 0 || tracker.tracks().stream().noneMatch(Track::seenNow));
        List<Detection> detections = runDetector ? detector.detect(frame) : List.of();
        StageTimes detTimes = runDetector ? detector.lastTimes() : StageTimes.NONE;
        StageTimes poseTimes = StageTimes.NONE;
        List<PoseEstimate> framePoses = null;
        if (detector == null && pose != null && !single) {
            framePoses = pose.estimate(frame);
            poseTimes = poseTimes.plus(pose.lastTimes());
            detections = framePoses.stream()
                    .map(p -> Detection.coco(p.box(), Coco.PERSON, p.score())).toList();
            runDetector = true;
        }
        long t1 = System.nanoTime();
        List<Track> tracks;
        if (detector == null && single) {
            tracks = List.of(new Track(1, Detection.coco(frame.bounds(), Coco.PERSON, 1), 0, frame.index(),
                    1, 0, true));
        } else if (runDetector) {
            List<Detection> persons = detections.stream()
                    .filter(d -> d.isPerson() && d.score() >= minPersonScore).toList();
            if (persons.isEmpty() && single) {
                persons = seedFromPose(frame);
            }
            tracks = tracker.update(frame.index(), persons);
        } else {
            tracks = tracker.tracks();
        }
        List<Track> people = tracks.stream()
                .filter(t -> t.missed() <= 2 && (t.confirmed() || processed < detectEvery * 2L))
                .sorted(Comparator.comparingDouble((Track t) -> -t.box().area()))
                .limit(maxPeople)
                .sorted(Comparator.comparingInt(Track::id))
                .toList();
        lastPose.keySet().retainAll(tracks.stream().map(Track::id).toList());
        long t2 = System.nanoTime();
        Map<Integer, PoseEstimate> poses = new LinkedHashMap<>();
        int calls = 0;
        if (pose != null) {
            if (single) {
                for (Track t : people) {
                    PoseEstimate p = pose.estimate(frame, cropFor(t, frame, detector == null)).get(0);
                    poseTimes = poseTimes.plus(pose.lastTimes());
                    calls++;
                    if (p.score() >= MIN_POSE_SCORE && duplicateOf(p, poses) == null) {
                        accept(t, p, poses, runDetector && detector != null);
                    } else {
                        lastPose.remove(t.id()); // lost, or the crop drifted onto someone with an older id
                    }
                }
            } else {
                if (framePoses == null) {
                    framePoses = pose.estimate(frame);
                    poseTimes = poseTimes.plus(pose.lastTimes());
                    calls++;
                }
                pair(people, framePoses, poses);
            }
        }
        long t3 = System.nanoTime();
        List<RepEvent> reps = new ArrayList<>();
        for (ExerciseCounter c : counters) {
            Map<Integer, PoseEstimate> forCounter = new HashMap<>();
            for (Track t : people) {
                forCounter.put(t.id(), poses.get(t.id()));
            }
            forCounter.values().removeIf(Objects::isNull);
            reps.addAll(c.update(frame.index(), frame.timestampSeconds(), forCounter));
        }
        long t4 = System.nanoTime();
        List<PersonPose> out = people.stream().map(t -> new PersonPose(t.id(), t.box(), poses.get(t.id()))).toList();
        FrameResult result = new FrameResult(frame.index(), frame.timestampSeconds(), runDetector, detections, out, reps);
        processed++;
        last = new Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3, calls, detTimes, poseTimes);
        for (PerceptionListener l : listeners) {
            l.onFrame(result);
            reps.forEach(l::onRep);
        }
        return result;
    }

    /**
     * When the detector finds nobody (CenterNet often misses a person lying on a mat), the pose model
     * looks at the whole frame; a confident skeleton becomes a person detection for the tracker.
     */
    private List<Detection> seedFromPose(Frame frame) {
        PoseEstimate p = pose.estimate(frame).get(0);
        Box kb = keypointBox(p);
        if (p.score() < SEED_POSE_SCORE || kb == null) {
            return List.of();
        }
        return List.of(Detection.coco(kb.expand(0.1), Coco.PERSON, p.score()));
    }

    /** The id of an already posed person whose keypoints cover the same body (box IoU > 0.5), else null. */
    private static Integer duplicateOf(PoseEstimate p, Map<Integer, PoseEstimate> poses) {
        Box kb = keypointBox(p);
        if (kb == null) {
            return null;
        }
        for (Map.Entry<Integer, PoseEstimate> e : poses.entrySet()) {
            Box other = keypointBox(e.getValue());
            if (other != null && other.iou(kb) > 0.5) {
                return e.getKey();
            }
        }
        return null;
    }

    private void accept(Track t, PoseEstimate p, Map<Integer, PoseEstimate> poses, boolean freshDetection) {
        poses.put(t.id(), p);
        lastPose.put(t.id(), p);
        if (!freshDetection && detector != null) {
            Box kb = keypointBox(p);
            if (kb != null) {
                tracker.refine(t.id(), kb.expand(0.1));
            }
        }
    }

    /**
     * Square crop around the previous keypoints: centred on the hips (or the keypoints' mean), half
     * side = max(1.9 × torso extent, 1.2 × body extent) from that centre; without good previous
     * keypoints, the track's box grown by 20 % and squared (or the whole frame for id 1 alone).
     */
    static Box cropFor(Track t, Frame frame, boolean wholeFrameFallback, Map<Integer, PoseEstimate> lastPoses) {
        PoseEstimate prev = lastPoses.get(t.id());
        if (prev != null) {
            Box c = keypointCrop(prev, frame);
            if (c != null) {
                return c;
            }
        }
        if (wholeFrameFallback) {
            return frame.bounds();
        }
        Box b = t.box().expand(0.2);
        double side = Math.max(b.width(), b.height());
        return Box.ofCenter(b.centerX(), b.centerY(), side, side);
    }

    private Box cropFor(Track t, Frame frame, boolean wholeFrameFallback) {
        return cropFor(t, frame, wholeFrameFallback, lastPose);
    }

    static Box keypointCrop(PoseEstimate p, Frame frame) {
        List<Keypoint> good = p.keypoints().stream().filter(k -> k.score() >= CROP_KEYPOINT_SCORE).toList();
        if (good.size() < 4) {
            return null;
        }
        Keypoint lh = p.keypoint(Coco.LEFT_HIP), rh = p.keypoint(Coco.RIGHT_HIP);
        double cx, cy;
        if (lh.score() >= CROP_KEYPOINT_SCORE && rh.score() >= CROP_KEYPOINT_SCORE) {
            cx = (lh.x() + rh.x()) / 2;
            cy = (lh.y() + rh.y()) / 2;
        } else {
            cx = good.stream().mapToDouble(Keypoint::x).average().orElseThrow();
            cy = good.stream().mapToDouble(Keypoint::y).average().orElseThrow();
        }
        double torso = 0, body = 0;
        for (Keypoint k : good) {
            double r = Math.max(Math.abs(k.x() - cx), Math.abs(k.y() - cy));
            body = Math.max(body, r);
            if (k.index() >= Coco.LEFT_SHOULDER && k.index() <= Coco.RIGHT_SHOULDER
                    || k.index() == Coco.LEFT_HIP || k.index() == Coco.RIGHT_HIP) {
                torso = Math.max(torso, r);
            }
        }
        double half = Math.max(1.9 * torso, 1.2 * body);
        double maxHalf = Math.max(frame.width(), frame.height()) / 2.0;
        half = Math.min(Math.max(half, 16), maxHalf);
        return new Box(cx - half, cy - half, cx + half, cy + half);
    }

    static Box keypointBox(PoseEstimate p) {
        double x1 = Double.MAX_VALUE, y1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
        int n = 0;
        for (Keypoint k : p.keypoints()) {
            if (k.score() >= CROP_KEYPOINT_SCORE) {
                n++;
                x1 = Math.min(x1, k.x());
                y1 = Math.min(y1, k.y());
                x2 = Math.max(x2, k.x());
                y2 = Math.max(y2, k.y());
            }
        }
        return n >= 4 ? new Box(x1, y1, x2, y2) : null;
    }

    /** Pairs each track with the multi-pose result overlapping it most (IoU ≥ 0.3), greedily. */
    private static void pair(List<Track> people, List<PoseEstimate> found, Map<Integer, PoseEstimate> poses) {
        List<PoseEstimate> free = new ArrayList<>(found);
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            for (int j = 0; j < free.size(); j++) {
                double iou = people.get(i).box().iou(free.get(j).box());
                if (iou >= 0.3) {
                    pairs.add(new double[] {iou, i, j});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((double[] a) -> -a[0]));
        boolean[] usedTrack = new boolean[people.size()], usedPose = new boolean[free.size()];
        for (double[] p : pairs) {
            int i = (int) p[1], j = (int) p[2];
            if (!usedTrack[i] && !usedPose[j]) {
                usedTrack[i] = true;
                usedPose[j] = true;
                poses.put(people.get(i).id(), free.get(j));
            }
        }
    }

    public List<ExerciseCounter> counters() { return counters; }

    public Timings lastTimings() { return last; }

    /**
     * The one frame loop: processes every frame of {@code source} in order until the source ends,
     * {@link #stop()} is called (also from a listener, e.g. when a target count is reached) or the
     * thread is interrupted. {@code listener} gets each frame and repetition after the builder's
     * listeners. The source stays open (its owner closes it). Exceptions from the source, the models
     * or a listener end the loop and propagate. Returns the number of frames processed.
     */
    public long run(FrameSource source, PerceptionListener listener) {
        Objects.requireNonNull(listener, "listener");
        long n = 0;
        try {
            Optional<Frame> f;
            while (!stopRequested && !Thread.currentThread().isInterrupted() && (f = source.next()).isPresent()) {
                FrameResult r = process(f.get());
                n++;
                listener.onFrame(r);
                r.reps().forEach(listener::onRep);
            }
        } finally {
            stopRequested = false;
        }
        return n;
    }

    /** {@link #run(FrameSource, PerceptionListener)} with only the builder's listeners. */
    public long run(FrameSource source) {
        return run(source, new PerceptionListener() { });
    }

    /**
     * Makes a running {@link #run} return after the current frame; safe from any thread. Requested
     * before {@code run} starts, it makes that run return at once (so a stop cannot be lost).
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Closes nothing: the pipeline borrows its detector and pose model, and whoever opened them closes
     * them (a model may serve several pipelines). Kept so try-with-resources callers still compile.
     */
    @Override
    public void close() {
    }

    public static final class Builder {
        private Detector detector;
        private PoseEstimator pose;
        private IouTracker tracker;
        private final List<ExerciseCounter> counters = new ArrayList<>();
        private final List<PerceptionListener> listeners = new ArrayList<>();
        private int detectEvery = 1;
        private int maxPeople = 6;
        private double minPersonScore = 0.3;

        public Builder optDetector(Detector d) {
            this.detector = d;
            return this;
        }

        public Builder optPoseEstimator(PoseEstimator p) {
            this.pose = p;
            return this;
        }

        public Builder optTracker(IouTracker t) {
            this.tracker = t;
            return this;
        }

        public Builder addCounter(ExerciseCounter c) {
            counters.add(Objects.requireNonNull(c));
            return this;
        }

        public Builder addListener(PerceptionListener l) {
            listeners.add(Objects.requireNonNull(l));
            return this;
        }

        /** Run the detector on every n-th frame (1 = every frame); poses follow people in between. */
        public Builder optDetectEvery(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("detectEvery must be ≥ 1, got " + n);
            }
            this.detectEvery = n;
            return this;
        }

        /** At most this many people (the largest) get a pose per frame. */
        public Builder optMaxPeople(int n) {
            this.maxPeople = n;
            return this;
        }

        public Builder optMinPersonScore(double s) {
            this.minPersonScore = s;
            return this;
        }

        public PerceptionPipeline build() {
            return new PerceptionPipeline(this);
        }
    }
}
