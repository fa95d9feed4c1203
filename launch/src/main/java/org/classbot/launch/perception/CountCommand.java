package org.classbot.launch.perception;

import org.classbot.launch.app.UserError;
import org.classbot.launch.app.Json;
import org.classbot.launch.perception.DetectCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.count.CountListener;
import org.classbot.perception.count.CounterSettings;
import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.count.RepCounter;
import org.classbot.perception.count.RepEvent;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.pipeline.Models;
import org.classbot.perception.pipeline.PerceptionListener;
import org.classbot.perception.pipeline.PerceptionPipeline;

/**
 * {@code classbot count situp|pushup|squat VIDEO --model FILE.onnx [--json] [--explain]}: counts
 * repetitions per person. JSON: {@code {"reps":N,"events":[{"frame","t_s","person","flexed_frame","flexed_t_s",
 * "confidence","confidence_note"}],"people":[{"person","reps"}],"uncertain":[{"person","from_s","to_s","reason","guidance"}]}}
 * with {@code reps} = all people together; {@code --explain} adds the angle of every frame and every
 * state change with the threshold it crossed ({@code "explain":{"angles":[...],"changes":[...]}} in JSON).
 */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {"Count exercise repetitions (sit-ups, push-ups, squats), or people, in a video. 统计视频中的运动次数（仰卧起坐、俯卧撑、深蹲）或人数。"})
public final class CountCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "situp|pushup|squat|people",
            description = "the exercise, or people: unique people, people in view, entries and exits over a video")
    String exercise;

    @Option(names = "--line", paramLabel = "x1,y1,x2,y2",
            description = "count people: also count crossings of this line (image pixels; crossing to its left is in, to its right out)")
    String line;

    @Parameters(index = "1", paramLabel = "VIDEO", description = "video file, /dev/videoN or stream URL")
    String input;

    @Mixin
    PerceptionOptions shared;

    @Option(names = "--explain", description = "print the joint angle per frame and every state change with its threshold")
    boolean explain;

    @Option(names = "--detector", paramLabel = "FILE.onnx|NAME",
            description = "detect and track several people with this model (e.g. centernet); without it MoveNet follows one person")
    String detectorModel;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if ("people".equalsIgnoreCase(exercise.strip())) {
            if (FrameSources.isImage(input)) {
                throw new UserError("counting people needs a video, a camera or a stream, not a still image: " + input
                        + " (try 'classbot detect " + input + "')");
            }
            CountPeople.run(shared, input, detectorModel, line, out);
            return;
        }
        if (line != null) {
            throw new UserError("--line is for 'classbot count people'; an exercise is counted per person, not across a line");
        }
        Exercise ex = PerceptionOptions.guard(() -> Exercise.parse(exercise));
        if (FrameSources.isImage(input)) {
            throw new UserError("counting needs a video, a camera or a stream, not a still image: " + input
                    + " (try 'classbot pose " + input + " --model ...')");
        }
        CounterSettings settings = CounterSettings.defaults()
                .withMinKeypointScore(shared.settings().minKeypointScore());
        Explain log = new Explain(out, explain && !shared.json);
        ExerciseCounter counter = new ExerciseCounter(ex, settings, explain ? log : null);
        long frames = 0;
        try (PoseEstimator pose = shared.open(Models::poseEstimator, shared.poseModel());
             Detector detector = detectorModel == null ? null : shared.open(Models::detector, detectorModel);
             FrameSource source = PerceptionOptions.source(input)) {
            PerceptionPipeline.Builder b = PerceptionPipeline.builder()
                    .optPoseEstimator(pose)
                    .addCounter(counter)
                    .optDetectEvery(shared.settings().detectEvery())
                    .optMaxPeople(shared.settings().maxPeople())
                    .optMinPersonScore(shared.settings().minPersonScore());
            if (detector != null) {
                b.optDetector(detector);
            }
            if (!shared.json) {
                b.addListener(new PerceptionListener() {
                    @Override
                    public void onRep(RepEvent rep) {
                        out.printf("person %d: %s %d  (frame %d, %.2f s, flexed at %.2f s, confidence %.2f%s) / 第%d人：%s %d 次%n",
                                rep.person(), ex.english(), rep.count(), rep.frame(), rep.timeSeconds(), rep.flexedSeconds(),
                                rep.confidence(), rep.confidence() < LOW_CONFIDENCE ? ": " + rep.confidenceNote() : "",
                                rep.person(), ex.chinese(), rep.count());
                        out.flush();
                    }
                });
            }
            PerceptionPipeline pipeline = b.build();
            frames = PerceptionOptions.guard(() -> pipeline.run(source));
        }
        if (shared.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("reps", counter.total());
            doc.put("events", counter.events().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("frame", e.frame());
                m.put("t_s", PerceptionOptions.round(e.timeSeconds(), 3));
                m.put("person", e.person());
                m.put("flexed_frame", e.flexedFrame());
                m.put("flexed_t_s", PerceptionOptions.round(e.flexedSeconds(), 3));
                m.put("confidence", e.confidence());
                m.put("confidence_note", e.confidenceNote());
                return m;
            }).toList());
            doc.put("people", counter.perPerson().entrySet().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("person", e.getKey());
                m.put("reps", e.getValue());
                return m;
            }).toList());
            doc.put("uncertain", counter.uncertain().stream().map(u -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("person", u.person());
                m.put("from_s", PerceptionOptions.round(u.fromSeconds(), 3));
                m.put("to_s", PerceptionOptions.round(u.toSeconds(), 3));
                m.put("reason", u.reason());
                m.put("guidance", u.guidance());
                return m;
            }).toList());
            if (explain) {
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("exercise", ex.name().toLowerCase());
                why.put("frames", frames);
                why.put("views", log.views);
                why.put("changes", log.changes);
                why.put("angles", log.angles);
                doc.put("explain", why);
            }
            Json.println(out, doc);
            return;
        }
        int n = counter.total();
        out.printf("%d %s / %d 次%s%n", n, n == 1 ? "rep" : "reps", n, " (" + ex.english() + " / " + ex.chinese() + ")");
        counter.perPerson().forEach((p, c) -> out.printf("  person %d: %d / 第%d人：%d 次%n", p, c, p, c));
        counter.uncertain().forEach(u -> out.printf("  person %d could not be read %.1f-%.1f s (%s): %s%n", u.person(),
                u.fromSeconds(), u.toSeconds(), u.reason(), u.guidance()));
        out.flush();
    }

    /** A repetition below this confidence says why in the text output. */
    static final double LOW_CONFIDENCE = 0.5;

    /** Collects (JSON) or prints (text) the counter's reasoning. */
    static final class Explain implements CountListener {
        final List<Map<String, Object>> angles = new ArrayList<>();
        final List<Map<String, Object>> views = new ArrayList<>();
        final List<Map<String, Object>> changes = new ArrayList<>();
        private final PrintWriter out;
        private final boolean print;

        Explain(PrintWriter out, boolean print) {
            this.out = out;
            this.print = print;
        }

        @Override
        public void onAngle(int person, long frame, double t, Exercise.Side side, double raw, double smoothed,
                            RepCounter.State state) {
            if (print) {
                out.printf("frame %d t=%.2fs person %d %s angle %.1f smoothed %.1f state %s%n", frame, t, person,
                        side.name().toLowerCase(), raw, smoothed, state);
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", frame);
            m.put("t_s", PerceptionOptions.round(t, 3));
            m.put("person", person);
            m.put("side", side.name().toLowerCase());
            m.put("angle", PerceptionOptions.round(raw, 2));
            m.put("smoothed", PerceptionOptions.round(smoothed, 2));
            m.put("state", state.name().toLowerCase());
            angles.add(m);
        }

        @Override
        public void onView(int person, long frame, double t, String view, String evidence) {
            if (print) {
                out.printf("frame %d t=%.2fs person %d view %s: %s%n", frame, t, person, view, evidence);
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", frame);
            m.put("t_s", PerceptionOptions.round(t, 3));
            m.put("person", person);
            m.put("view", view);
            m.put("evidence", evidence);
            views.add(m);
        }

        @Override
        public void onSkipped(int person, long frame, double t, String reason) {
            if (print) {
                out.printf("frame %d t=%.2fs person %d skipped: %s%n", frame, t, person, reason);
            }
        }

        @Override
        public void onStateChange(int person, long frame, double t, RepCounter.State from, RepCounter.State to,
                                  double angle, double threshold, boolean counted, String note) {
            if (print) {
                out.printf("frame %d t=%.2fs person %d %s -> %s: angle %.1f %s threshold %.1f%s%s%n", frame, t, person,
                        from, to, angle, to == RepCounter.State.FLEXED ? "<=" : ">=", threshold,
                        counted ? "  REP / 计数" : "", note.isEmpty() ? "" : "  (not counted: " + note + ")");
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", frame);
            m.put("t_s", PerceptionOptions.round(t, 3));
            m.put("person", person);
            m.put("from", from.name().toLowerCase());
            m.put("to", to.name().toLowerCase());
            m.put("angle", PerceptionOptions.round(angle, 2));
            m.put("threshold", PerceptionOptions.round(threshold, 2));
            m.put("counted", counted);
            if (!note.isEmpty()) {
                m.put("note", note);
            }
            changes.add(m);
        }
    }
}
