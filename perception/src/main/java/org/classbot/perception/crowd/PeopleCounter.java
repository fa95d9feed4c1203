package org.classbot.perception.crowd;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.classbot.perception.Box;
import org.classbot.perception.pipeline.FrameResult;
import org.classbot.perception.pipeline.PerceptionListener;
import org.classbot.perception.pipeline.PersonPose;

/**
 * People over a video (issue 14, the crowd-analysis job of the textbook's chapter 6): unique people seen, people
 * in view over time, entries and exits across an optional line, and each person's first and last time. Feed it the
 * pipeline's frames ({@link #onFrame}, it is a {@link PerceptionListener}).
 *
 * <p>The tracker gives a new id to a person it lost for a few frames (occlusion, a missed detection). Such a break
 * is joined by motion: a new track that starts within {@link Settings#joinSeconds} of where an ended track was
 * heading (its last position moved on by its velocity, within {@link Settings#joinDistance} box heights) and with a
 * box of a similar height (within {@link Settings#joinHeightRatio}) continues that person instead of counting a new
 * one. Tracks seen in fewer than {@link Settings#minFrames} frames are not people (a flicker of the detector).
 * A line crossing is the foot point (bottom centre of the box) changing side of the line, each side counting only
 * beyond a fifth of the box height from it (feet jittering on the line do not cross it back and forth); crossing to
 * the left of the line's direction (x1,y1 → x2,y2, image coordinates) is an entry, to the right an exit. Not
 * thread-safe.
 */
public final class PeopleCounter implements PerceptionListener {

    /** How breaks are joined and flickers dropped; {@link #defaults()} as documented in the README. */
    public record Settings(double joinSeconds, double joinDistance, double joinHeightRatio, int minFrames) {
        public static Settings defaults() {
            return new Settings(2.0, 1.0, 1.5, 5);
        }
    }

    /** A directed line x1,y1 → x2,y2 in image pixels. */
    public record Line(double x1, double y1, double x2, double y2) {
        /** Signed distance in pixels: > 0 left of the direction, < 0 right. */
        double distance(double x, double y) {
            double len = Math.hypot(x2 - x1, y2 - y1);
            return len == 0 ? 0 : ((x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)) / len;
        }

        /** Parses {@code x1,y1,x2,y2}. */
        public static Line parse(String s) {
            String[] p = s.split(",");
            if (p.length != 4) {
                throw new IllegalArgumentException("a line is x1,y1,x2,y2 (four numbers), got '" + s + "'");
            }
            try {
                return new Line(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()),
                        Double.parseDouble(p[2].strip()), Double.parseDouble(p[3].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a line is x1,y1,x2,y2 (four numbers), got '" + s + "'");
            }
        }
    }

    /** One person: the tracker ids joined into them, when seen, in how many frames, and their line crossings. */
    public record Person(int person, List<Integer> trackIds, double firstSeconds, double lastSeconds, int frames,
                         int entries, int exits) {
    }

    /** A line crossing: who, when, and which way. */
    public record Crossing(int person, double timeSeconds, boolean entry) {
    }

    /** The number of people in view at a moment (sampled once per second of video, the most seen in that second). */
    public record InView(double timeSeconds, int people) {
    }

    private static final class State {
        final int person;
        final List<Integer> trackIds = new ArrayList<>();
        double first, last, lastX, lastY, vx, vy, height;
        int frames, entries, exits;
        double side;

        State(int person, double t) {
            this.person = person;
            this.first = t;
        }
    }

    private final Settings settings;
    private final Line line;
    private final Map<Integer, State> byTrack = new HashMap<>();
    private final Map<Integer, State> people = new LinkedHashMap<>();
    private final List<Crossing> crossings = new ArrayList<>();
    private final TreeMap<Long, Integer> inView = new TreeMap<>();
    private int nextPerson = 1;
    private static final double LINE_MARGIN = 0.2;
    private int joins;

    public PeopleCounter(Settings settings, Line line) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.line = line;
    }

    public PeopleCounter() {
        this(Settings.defaults(), null);
    }

    @Override
    public void onFrame(FrameResult r) {
        update(r.timeSeconds(), r.people());
    }

    /** One frame's tracked people (track id + box). */
    public void update(double t, List<PersonPose> seen) {
        int visible = 0;
        for (PersonPose p : seen) {
            Box b = p.box();
            double x = b.centerX(), y = b.y2(), h = b.y2() - b.y1();
            State s = byTrack.get(p.person());
            if (s == null) {
                s = joinable(t, x, y, h).orElse(null);
                if (s != null) {
                    joins++;
                } else {
                    s = new State(nextPerson++, t);
                    people.put(s.person, s);
                }
                s.trackIds.add(p.person());
                byTrack.put(p.person(), s);
            } else if (t > s.last) {
                double dt = t - s.last;
                double nvx = (x - s.lastX) / dt, nvy = (y - s.lastY) / dt;
                s.vx = s.frames <= 1 ? nvx : 0.7 * s.vx + 0.3 * nvx;
                s.vy = s.frames <= 1 ? nvy : 0.7 * s.vy + 0.3 * nvy;
            }
            if (line != null) {
                // a side counts only beyond a margin of a fifth of the box height, so feet jittering on the line
                // do not cross it back and forth
                double d = line.distance(x, y);
                double side = Math.abs(d) < LINE_MARGIN * h ? 0 : Math.signum(d);
                if (side != 0 && s.side != 0 && side != s.side) {
                    boolean entry = side > 0;
                    crossings.add(new Crossing(s.person, t, entry));
                    if (entry) {
                        s.entries++;
                    } else {
                        s.exits++;
                    }
                }
                if (side != 0) {
                    s.side = side;
                }
            }
            s.last = t;
            s.lastX = x;
            s.lastY = y;
            s.height = s.frames == 0 ? h : 0.8 * s.height + 0.2 * h;
            s.frames++;
            visible++;
        }
        inView.merge((long) Math.floor(t), visible, Math::max);
    }

    /** An ended person this new track continues, by motion and size; empty when it is somebody new. */
    private Optional<State> joinable(double t, double x, double y, double h) {
        State best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (State s : people.values()) {
            double gap = t - s.last;
            if (gap <= 0 || gap > settings.joinSeconds() || s.frames == 0 || byTrackLive(s, t)) {
                continue;
            }
            double ratio = Math.max(h, s.height) / Math.max(1e-6, Math.min(h, s.height));
            if (ratio > settings.joinHeightRatio()) {
                continue;
            }
            double px = s.lastX + s.vx * gap, py = s.lastY + s.vy * gap;
            double d = Math.hypot(x - px, y - py) / Math.max(h, s.height);
            if (d <= settings.joinDistance() && d < bestD) {
                best = s;
                bestD = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** True while one of this person's tracks was seen in this very frame (it cannot also be the new track). */
    private boolean byTrackLive(State s, double t) {
        return s.last >= t;
    }

    /** People seen in at least {@code minFrames} frames, in order of first appearance. */
    public List<Person> people() {
        List<Person> out = new ArrayList<>();
        for (State s : people.values()) {
            if (s.frames >= settings.minFrames()) {
                out.add(new Person(s.person, List.copyOf(s.trackIds), s.first, s.last, s.frames, s.entries, s.exits));
            }
        }
        return out;
    }

    public int uniquePeople() {
        return people().size();
    }

    /** Tracker breaks joined to an earlier person (counted once, not twice). */
    public int joinedBreaks() {
        return joins;
    }

    public List<Crossing> crossings() {
        return List.copyOf(crossings);
    }

    public int entries() {
        return (int) crossings.stream().filter(Crossing::entry).count();
    }

    public int exits() {
        return (int) crossings.stream().filter(c -> !c.entry()).count();
    }

    /** The most people in view in each second of video. */
    public List<InView> inView() {
        return inView.entrySet().stream().map(e -> new InView(e.getKey(), e.getValue())).toList();
    }

    public int maxInView() {
        return inView.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
