package org.classbot.launch.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.dialogue.DialogueListener;
import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.StepResult;
import org.classbot.bridge.Pose;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;

/**
 * The plans of the conversation as the plan panel shows them: each step pending / running with % / done with
 * the measured result / refused with the reason / cancelled, the big-move question while a plan waits for a
 * yes, and the path each plan will drive (drawn on the map before it runs).
 *
 * <p>The dialogue's events name their plan ({@code awaiting}, {@code notConfirmed}, {@code cancelled},
 * {@code started}), so states follow them by identity, never by reading reply texts; step results follow the
 * dialogue's one worker (the plan now running). The running step's % comes from odometry (metres or degrees done
 * since it started over those asked for).
 */
final class PlanTracker implements DialogueListener {

    private static final int KEEP = 6;

    /** One plan: its steps' states and the pose each step started from. */
    private static final class Entry {
        final long id;
        final String utterance;
        final Plan plan;
        final String[] status;
        final String[] message;
        final Pose[] startPose;
        final List<double[]> path;
        String state = "queued"; // queued, awaiting, running, done, failed, cancelled, not_confirmed
        String question;

        Entry(long id, String utterance, Plan plan, List<double[]> path) {
            this.id = id;
            this.utterance = utterance;
            this.plan = plan;
            int n = plan.actions().size();
            status = new String[n];
            message = new String[n];
            startPose = new Pose[n];
            java.util.Arrays.fill(status, "pending");
            java.util.Arrays.fill(message, "");
            this.path = path;
        }

        boolean open() {
            return state.equals("queued") || state.equals("running") || state.equals("awaiting");
        }
    }

    private final Dialogue dialogue;
    private final SafetyGovernor robot;
    private final RoomMap map;
    private final Runnable changed;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long ids;

    PlanTracker(Dialogue dialogue, SafetyGovernor robot, RoomMap map, Runnable changed) {
        this.dialogue = dialogue;
        this.robot = robot;
        this.map = map;
        this.changed = changed;
    }

    @Override
    public void planned(String utterance, Plan plan) {
        if (plan.actions().isEmpty()) {
            return;
        }
        synchronized (this) {
            reconcile();
            Pose from = robot.state().pose();
            for (Entry e : entries) {
                if (e.open() && !e.path.isEmpty()) {
                    double[] last = e.path.get(e.path.size() - 1);
                    from = new Pose(last[0], last[1], last[2]);
                }
            }
            Entry e = new Entry(++ids, utterance, plan, project(plan, from));
            entries.addLast(e);
            while (entries.size() > KEEP && !entries.peekFirst().open()) {
                entries.removeFirst();
            }
            if (current() == e) {
                e.startPose[0] = robot.state().pose();
            }
        }
        changed.run();
    }

    @Override
    public void step(int index, StepResult result) {
        synchronized (this) {
            reconcile();
            Entry e = current();
            if (e == null || index >= e.status.length) {
                return;
            }
            e.state = "running";
            e.status[index] = result.status().name().toLowerCase(Locale.ROOT);
            e.message[index] = result.message();
            if (index + 1 < e.status.length) {
                e.startPose[index + 1] = robot.state().pose();
            }
        }
        changed.run();
    }

    @Override
    public void done(String utterance, ExecutionReport report) {
        synchronized (this) {
            reconcile();
            Entry e = current();
            if (e != null) {
                boolean cancelled = report.steps().stream().anyMatch(s -> s.status() == StepResult.Status.CANCELLED);
                e.state = report.ok() ? "done" : cancelled ? "cancelled" : "failed";
                Entry next = current();
                if (next != null && next.startPose.length > 0) {
                    next.startPose[0] = robot.state().pose();
                }
            }
        }
        changed.run();
    }

    @Override
    public void awaiting(Plan plan, String question) {
        synchronized (this) {
            Entry e = entryOf(plan);
            if (e != null) {
                e.state = "awaiting";
                e.question = question;
            }
        }
        changed.run();
    }

    @Override
    public void notConfirmed(Plan plan) {
        synchronized (this) {
            Entry e = entryOf(plan);
            if (e != null && e.state.equals("awaiting")) {
                e.state = "not_confirmed";
            }
        }
        changed.run();
    }

    @Override
    public void cancelled(Plan plan) {
        synchronized (this) {
            Entry e = entryOf(plan);
            if (e != null) {
                e.state = "cancelled";
                java.util.Arrays.fill(e.status, "cancelled");
            }
        }
        changed.run();
    }

    @Override
    public void started(Plan plan, int index, Action action) {
        synchronized (this) {
            Entry e = entryOf(plan);
            if (e != null && index < e.status.length) {
                e.state = "running";
                e.startPose[index] = robot.state().pose();
            }
        }
        changed.run();
    }

    /** The entry of this very plan (the dialogue's events carry the plan object), or null. */
    private Entry entryOf(Plan plan) {
        for (Entry e : entries) {
            if (e.plan == plan) {
                return e;
            }
        }
        return null;
    }

    /** A plan is waiting for a yes while it is the dialogue's awaiting plan; it runs once that yes came. */
    private void reconcile() {
        Plan waiting = dialogue.awaitingConfirmation().orElse(null);
        for (Entry e : entries) {
            if (e.plan == waiting && e.state.equals("queued")) {
                e.state = "awaiting";
            } else if (e.state.equals("awaiting") && e.plan != waiting && e.question != null) {
                // the yes came (a "no", another sentence or an e-stop would have sent notConfirmed first)
                e.state = "queued";
                if (current() == e) {
                    e.startPose[0] = robot.state().pose();
                }
            }
        }
    }

    /** The plan the worker is on (or will take next): the oldest queued or running one. */
    private Entry current() {
        for (Entry e : entries) {
            if (e.state.equals("queued") || e.state.equals("running")) {
                return e;
            }
        }
        return null;
    }

    /** The plan waiting for a yes, with its question. */
    synchronized Optional<String> awaitingQuestion() {
        reconcile();
        for (java.util.Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.state.equals("awaiting")) {
                return Optional.of(e.question == null ? "" : e.question);
            }
        }
        return Optional.empty();
    }

    /** The plans for the page, newest last, with live progress. */
    synchronized List<Map<String, Object>> toJson() {
        reconcile();
        Pose now = robot.state().pose();
        Entry cur = current();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id);
            m.put("utterance", e.utterance);
            boolean started = e == cur && e.state.equals("queued") && e.startPose.length > 0 && e.startPose[0] != null && dialogue.busy();
            m.put("state", started ? "running" : e.state);
            m.put("planner", e.plan.planner());
            if (e.state.equals("awaiting")) {
                m.put("question", e.question == null ? "" : e.question);
            }
            List<Map<String, Object>> steps = new ArrayList<>();
            boolean runningMarked = false;
            for (int i = 0; i < e.status.length; i++) {
                Action a = e.plan.actions().get(i);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("n", i + 1);
                s.put("text", PlanText.describe(a));
                s.put("action", a.toJson());
                String st = e.status[i];
                if (e == cur && st.equals("pending") && !runningMarked && e.startPose[i] != null) {
                    st = "running";
                    runningMarked = true;
                    s.put("percent", percent(a, e.startPose[i], now));
                }
                s.put("status", st);
                s.put("message", e.message[i]);
                steps.add(s);
            }
            m.put("steps", steps);
            if (e.open()) {
                m.put("path", e.path.stream().map(p -> List.of(r(p[0]), r(p[1]))).toList());
            }
            out.add(m);
        }
        return out;
    }

    /** How far the running step is, 0..100, from odometry. */
    private int percent(Action a, Pose start, Pose now) {
        double p = switch (a.kind()) {
            case MOVE -> {
                double d = ((Action.Move) a).distanceM();
                double along = (now.x() - start.x()) * Math.cos(start.theta()) + (now.y() - start.y()) * Math.sin(start.theta());
                yield d == 0 ? 1 : along / d;
            }
            case TURN -> {
                double deg = ((Action.Turn) a).angleDeg();
                double turned = Math.toDegrees(wrap(now.theta() - start.theta()));
                if (Math.abs(deg) > 180 && Math.signum(turned) != Math.signum(deg) && turned != 0) {
                    turned += 360 * Math.signum(deg);
                }
                yield deg == 0 ? 1 : turned / deg;
            }
            case GO_TO -> {
                Optional<Place> pl = map.place(((Action.GoTo) a).place());
                if (pl.isEmpty()) {
                    yield 0;
                }
                double total = Math.hypot(pl.get().pose().x() - start.x(), pl.get().pose().y() - start.y());
                double left = Math.hypot(pl.get().pose().x() - now.x(), pl.get().pose().y() - now.y());
                yield total < 1e-3 ? 1 : 1 - left / total;
            }
            default -> 0;
        };
        return (int) Math.round(100 * Math.max(0, Math.min(1, p)));
    }

    /** The poses a plan will pass through, from {@code from}: straight moves, turns in place, straight go_to. */
    List<double[]> project(Plan plan, Pose from) {
        List<double[]> path = new ArrayList<>();
        double x = from.x();
        double y = from.y();
        double th = from.theta();
        path.add(new double[] {x, y, th});
        boolean moves = false;
        for (Action a : plan.actions()) {
            switch (a.kind()) {
                case MOVE -> {
                    double d = ((Action.Move) a).distanceM();
                    x += d * Math.cos(th);
                    y += d * Math.sin(th);
                    moves = true;
                }
                case TURN -> th += Math.toRadians(((Action.Turn) a).angleDeg());
                case GO_TO -> {
                    Optional<Place> pl = map.place(((Action.GoTo) a).place());
                    if (pl.isPresent()) {
                        x = pl.get().pose().x();
                        y = pl.get().pose().y();
                        th = pl.get().pose().theta();
                        moves = true;
                    }
                }
                default -> {
                }
            }
            path.add(new double[] {x, y, th});
        }
        return moves ? path : List.of();
    }

    private static double wrap(double a) {
        return Math.atan2(Math.sin(a), Math.cos(a));
    }

    private static double r(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
