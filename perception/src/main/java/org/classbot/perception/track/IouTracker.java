package org.classbot.perception.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.classbot.perception.Box;
import org.classbot.perception.Detection;

/**
 * Multi-object tracker by overlap, in the style of SORT without a Kalman filter: each frame, each
 * track's box is predicted with its last velocity, then tracks and detections of the same class are
 * paired greedily by IoU (highest first, at least {@code minIou}); leftovers are paired by centre
 * distance (at most {@code maxCentreDistance} box diagonals — for small, fast objects whose boxes no
 * longer overlap). Unpaired detections start new tracks; a track unpaired for more than
 * {@code maxMissed} frames ends. Ids are stable and never reused. Not thread-safe.
 */
public final class IouTracker {

    private final double minIou;
    private final double maxCentreDistance;
    private final int maxMissed;
    private final int minHits;
    private final List<State> tracks = new ArrayList<>();
    private int nextId = 1;

    private static final class State {
        final int id;
        final long firstFrame;
        Detection det;
        long lastFrame;
        int hits, missed;
        double vx, vy; // centre velocity, px per frame

        State(int id, Detection det, long frame) {
            this.id = id;
            this.det = det;
            this.firstFrame = frame;
            this.lastFrame = frame;
            this.hits = 1;
        }

        Box predicted(long frame) {
            long dt = frame - lastFrame;
            Box b = det.box();
            return new Box(b.x1() + vx * dt, b.y1() + vy * dt, b.x2() + vx * dt, b.y2() + vy * dt);
        }

        void observe(Detection d, long frame) {
            long dt = Math.max(1, frame - lastFrame);
            double nvx = (d.box().centerX() - det.box().centerX()) / dt;
            double nvy = (d.box().centerY() - det.box().centerY()) / dt;
            vx = hits == 1 ? nvx : 0.5 * vx + 0.5 * nvx;
            vy = hits == 1 ? nvy : 0.5 * vy + 0.5 * nvy;
            det = d;
            lastFrame = frame;
            hits++;
            missed = 0;
        }
    }

    public IouTracker(double minIou, double maxCentreDistance, int maxMissed, int minHits) {
        this.minIou = minIou;
        this.maxCentreDistance = maxCentreDistance;
        this.maxMissed = maxMissed;
        this.minHits = minHits;
    }

    /** IoU ≥ 0.3, centre within 0.5 diagonals, 10 missed frames, confirmed after 2 hits. */
    public IouTracker() {
        this(0.3, 0.5, 10, 2);
    }

    /** Updates with one frame's detections; returns every live track (seen now or recently missed). */
    public List<Track> update(long frame, List<Detection> detections) {
        List<Detection> free = new ArrayList<>(detections);
        List<State> unpaired = new ArrayList<>(tracks);
        // 1. IoU pairing, best pairs first
        List<double[]> pairs = new ArrayList<>();
        for (int t = 0; t < unpaired.size(); t++) {
            Box p = unpaired.get(t).predicted(frame);
            for (int d = 0; d < free.size(); d++) {
                if (free.get(d).classId() != unpaired.get(t).det.classId()) {
                    continue;
                }
                double iou = p.iou(free.get(d).box());
                if (iou >= minIou) {
                    pairs.add(new double[] {iou, t, d});
                }
            }
        }
        pair(frame, pairs, unpaired, free);
        // 2. centre-distance pairing for what is left, nearest first
        pairs.clear();
        for (int t = 0; t < unpaired.size(); t++) {
            State s = unpaired.get(t);
            if (s == null) {
                continue;
            }
            Box p = s.predicted(frame);
            double diag = Math.hypot(p.width(), p.height());
            for (int d = 0; d < free.size(); d++) {
                Detection det = free.get(d);
                if (det == null || det.classId() != s.det.classId()) {
                    continue;
                }
                double dist = Math.hypot(p.centerX() - det.box().centerX(), p.centerY() - det.box().centerY());
                if (dist <= maxCentreDistance * diag) {
                    pairs.add(new double[] {-dist, t, d});
                }
            }
        }
        pair(frame, pairs, unpaired, free);
        for (State s : unpaired) {
            if (s != null) {
                s.missed++;
            }
        }
        tracks.removeIf(s -> s.missed > maxMissed);
        for (Detection d : free) {
            if (d != null) {
                tracks.add(new State(nextId++, d, frame));
            }
        }
        return tracks();
    }

    private static void pair(long frame, List<double[]> pairs, List<State> unpaired, List<Detection> free) {
        pairs.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        for (double[] p : pairs) {
            int t = (int) p[1], d = (int) p[2];
            if (unpaired.get(t) != null && free.get(d) != null) {
                unpaired.get(t).observe(free.get(d), frame);
                unpaired.set(t, null);
                free.set(d, null);
            }
        }
    }

    /**
     * Replaces a live track's box with a better estimate made in the same frame (e.g. the box
     * around its pose keypoints), so the next frame's prediction starts from it.
     */
    public void refine(int id, Box box) {
        for (State s : tracks) {
            if (s.id == id) {
                Detection d = s.det;
                s.det = new Detection(box, d.classId(), d.label(), d.score());
            }
        }
    }

    /** The live tracks, by id. */
    public List<Track> tracks() {
        return tracks.stream()
                .sorted(Comparator.comparingInt(s -> s.id))
                .map(s -> new Track(s.id, s.det, s.firstFrame, s.lastFrame, s.hits, s.missed, s.hits >= minHits))
                .toList();
    }
}
