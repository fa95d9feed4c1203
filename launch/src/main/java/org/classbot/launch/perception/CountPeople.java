package org.classbot.launch.perception;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.classbot.launch.app.Json;
import org.classbot.perception.Detector;
import org.classbot.perception.crowd.PeopleCounter;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.pipeline.Models;
import org.classbot.perception.pipeline.PerceptionPipeline;

/**
 * {@code classbot count people VIDEO|STREAM [--line x1,y1,x2,y2] [--detector NAME] [--json]} (issue 14): unique
 * people seen, people in view over time, entries and exits across the line, each person's first and last time.
 * Detection and tracking only (no pose); the detector is {@code --detector}, else {@code perception.detect_model}.
 */
final class CountPeople {

    /** Everyone in view is tracked, not just the few a counter would follow. */
    static final int MAX_PEOPLE = 50;
    /**
     * A person must score at least this to be counted: on vtest.avi CenterNet sees two fixed objects (a sign post, a
     * stone) as people at 0.32-0.36 in every frame, while the walkers, far ones included, score 0.5-0.7.
     */
    static final double MIN_PERSON_SCORE = 0.4;

    private CountPeople() {
    }

    static void run(PerceptionOptions shared, String input, String detectorModel, String line, PrintWriter out) {
        PeopleCounter.Line l = line == null ? null : PerceptionOptions.guard(() -> PeopleCounter.Line.parse(line));
        PeopleCounter counter = new PeopleCounter(PeopleCounter.Settings.defaults(), l);
        long frames;
        try (Detector detector = shared.open(Models::detector, detectorModel != null ? detectorModel : shared.settings().detectModel());
             FrameSource source = PerceptionOptions.source(input)) {
            PerceptionPipeline pipeline = PerceptionPipeline.builder()
                    .optDetector(detector)
                    .optDetectEvery(shared.settings().detectEvery())
                    .optMaxPeople(MAX_PEOPLE)
                    .optMinPersonScore(Math.max(MIN_PERSON_SCORE, shared.settings().minPersonScore()))
                    .addListener(counter)
                    .build();
            frames = PerceptionOptions.guard(() -> pipeline.run(source));
        }
        List<PeopleCounter.Person> people = counter.people();
        if (shared.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("frames", frames);
            doc.put("unique_people", people.size());
            doc.put("joined_breaks", counter.joinedBreaks());
            doc.put("max_in_view", counter.maxInView());
            if (l != null) {
                doc.put("line", List.of(l.x1(), l.y1(), l.x2(), l.y2()));
                doc.put("entries", counter.entries());
                doc.put("exits", counter.exits());
                doc.put("crossings", counter.crossings().stream().map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("person", c.person());
                    m.put("t_s", PerceptionOptions.round(c.timeSeconds(), 3));
                    m.put("direction", c.entry() ? "in" : "out");
                    return m;
                }).toList());
            }
            doc.put("in_view", counter.inView().stream().map(v -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("t_s", v.timeSeconds());
                m.put("people", v.people());
                return m;
            }).toList());
            doc.put("people", people.stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("person", p.person());
                m.put("track_ids", p.trackIds());
                m.put("first_s", PerceptionOptions.round(p.firstSeconds(), 3));
                m.put("last_s", PerceptionOptions.round(p.lastSeconds(), 3));
                m.put("frames", p.frames());
                if (l != null) {
                    m.put("entries", p.entries());
                    m.put("exits", p.exits());
                }
                return m;
            }).toList());
            Json.println(out, doc);
            return;
        }
        out.printf("%d people seen (%d tracker breaks joined), at most %d in view at once / 共 %d 人（合并断开的轨迹 %d 次），同时最多 %d 人%n",
                people.size(), counter.joinedBreaks(), counter.maxInView(), people.size(), counter.joinedBreaks(), counter.maxInView());
        if (l != null) {
            out.printf("across the line: %d in, %d out / 过线：进 %d，出 %d%n", counter.entries(), counter.exits(),
                    counter.entries(), counter.exits());
        }
        people.forEach(p -> out.printf("  person %d: %.1f-%.1f s, %d frames%s / 第%d人%n", p.person(), p.firstSeconds(),
                p.lastSeconds(), p.frames(), p.trackIds().size() > 1 ? ", tracks " + p.trackIds() + " joined" : "", p.person()));
        out.flush();
    }
}
