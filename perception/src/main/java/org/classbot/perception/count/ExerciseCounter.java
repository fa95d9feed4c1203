package org.classbot.perception.count;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.classbot.perception.PoseEstimate;

/**
 * One {@link RepCounter} per tracked person, created when a person first appears. Feed it the poses
 * of one frame keyed by track id; persons missing from a frame are told they were not seen. Resettable per
 * exercise ({@link #reset()}) and per person ({@link #reset(int)}).
 */
public final class ExerciseCounter {

    private final Exercise exercise;
    private final CounterSettings settings;
    private final CountListener listener;
    private final Map<Integer, RepCounter> counters = new TreeMap<>();
    private final List<RepEvent> events = new ArrayList<>();

    public ExerciseCounter(Exercise exercise, CounterSettings settings, CountListener listener) {
        this.exercise = exercise;
        this.settings = settings;
        this.listener = listener;
    }

    public ExerciseCounter(Exercise exercise) {
        this(exercise, CounterSettings.defaults(), null);
    }

    /** Feeds one frame; returns the repetitions completed in it. */
    public List<RepEvent> update(long frame, double t, Map<Integer, PoseEstimate> posesByPerson) {
        List<RepEvent> out = new ArrayList<>();
        posesByPerson.forEach((person, pose) -> counters
                .computeIfAbsent(person, p -> new RepCounter(exercise, settings, p, listener))
                .update(frame, t, pose).ifPresent(out::add));
        counters.forEach((person, c) -> {
            if (!posesByPerson.containsKey(person)) {
                c.update(frame, t, null);
            }
        });
        events.addAll(out);
        return out;
    }

    public Exercise exercise() { return exercise; }

    /** All people together. */
    public int total() { return events.size(); }

    /** Reps per person id, for every person seen (0 included), in id order. */
    public Map<Integer, Integer> perPerson() {
        Map<Integer, Integer> m = new TreeMap<>();
        counters.forEach((p, c) -> m.put(p, c.count()));
        return Collections.unmodifiableMap(m);
    }

    public List<RepEvent> events() { return List.copyOf(events); }

    /** The stretches over a second that could not be read, per person in id order (issue 14: honest confidence). */
    public List<RepCounter.Uncertain> uncertain() {
        List<RepCounter.Uncertain> out = new ArrayList<>();
        counters.values().forEach(c -> out.addAll(c.uncertain()));
        return List.copyOf(out);
    }

    /** The teacher's reset for this exercise: every person starts again from 0. */
    public void reset() {
        counters.values().forEach(RepCounter::reset);
        events.clear();
    }

    /** Resets one person (a new student at the same place); the others keep counting. */
    public void reset(int person) {
        RepCounter c = counters.get(person);
        if (c != null) {
            c.reset();
        }
        events.removeIf(e -> e.person() == person);
    }
}
