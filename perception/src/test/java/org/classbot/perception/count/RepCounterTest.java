package org.classbot.perception.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.classbot.perception.PoseEstimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Counting on keypoint sequences from {@link KinematicBody} with noise, outliers, dropped keypoints,
 * irregular frame times and partial reps; the true count is known by construction and must match
 * exactly, for many random seeds.
 */
class RepCounterTest {

    private static final double FPS = 15;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void should_count_squats_exactly_and_ignore_partial_reps(long seed) {
        KinematicBody body = new KinematicBody(320, 440, seed);
        Random r = new Random(seed);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(175, 2.0)
                .rep(175, 150, 1.5)                   // partial before any full rep: too shallow
                .hold(175, 0.7);
        for (int i = 0; i < 5; i++) {
            p.rep(172 + 4 * r.nextDouble(), 80 + 20 * r.nextDouble(), 1.8 + 1.2 * r.nextDouble()).hold(175, 0.4 * r.nextDouble());
        }
        p.rep(175, 145, 1.5).hold(175, 0.5).rep(175, 85, 2.2).hold(175, 2.0); // partial after full, then one more full
        RepCounter c = new RepCounter(Exercise.SQUAT, 0);
        assertThat(KinematicBody.run(c, p, FPS, body::squat, r)).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35, 36})
    void should_count_the_first_rep_when_the_student_starts_at_once(long seed) {
        // issue 14: the teacher starts the counter and the first squat is already under way
        KinematicBody body = new KinematicBody(320, 440, seed);
        Random r = new Random(seed);
        KinematicBody.Profile p = new KinematicBody.Profile();
        for (int i = 0; i < 5; i++) {
            p.rep(172 + 4 * r.nextDouble(), 80 + 20 * r.nextDouble(), 1.2 + 0.6 * r.nextDouble());
        }
        p.hold(175, 1.5);
        RepCounter c = new RepCounter(Exercise.SQUAT, 0);
        assertThat(KinematicBody.run(c, p, FPS, body::squat, r)).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void should_count_pushups_exactly(long seed) {
        KinematicBody body = new KinematicBody(420, 400, seed);
        Random r = new Random(seed);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(170, 1.5);
        for (int i = 0; i < 7; i++) {
            p.rep(165 + 10 * r.nextDouble(), 75 + 20 * r.nextDouble(), 1.0 + 1.0 * r.nextDouble());
        }
        p.rep(170, 140, 1.0).hold(170, 1.5); // half-hearted last one: not a push-up
        RepCounter c = new RepCounter(Exercise.PUSHUP, 0);
        assertThat(KinematicBody.run(c, p, FPS, body::pushup, r)).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43, 44, 45, 46})
    void should_count_push_ups_filmed_head_on_and_say_it_reads_the_front_view(long seed) {
        // issue 14: 0 of 10 front push-ups were counted because the side-view posture gate refused them
        KinematicBody body = new KinematicBody(320, 400, seed);
        Random r = new Random(seed);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(170, 1.5);
        for (int i = 0; i < 6; i++) {
            p.rep(165 + 10 * r.nextDouble(), 80 + 20 * r.nextDouble(), 1.0 + 1.0 * r.nextDouble());
        }
        p.rep(170, 140, 1.0).hold(170, 1.5); // a shallow one: not a push-up
        List<String> views = new ArrayList<>();
        RepCounter c = new RepCounter(Exercise.PUSHUP, CounterSettings.defaults(), 0, new CountListener() {
            @Override
            public void onView(int person, long frame, double t, String view, String evidence) {
                views.add(view + ": " + evidence);
            }
        });
        assertThat(KinematicBody.run(c, p, FPS, body::frontPushup, r)).isEqualTo(6);
        assertThat(views).isNotEmpty().allMatch(v -> v.startsWith("front: shoulders"));
    }

    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53})
    void should_not_count_arm_curls_facing_the_camera_as_push_ups(long seed) {
        KinematicBody body = new KinematicBody(320, 440, seed);
        Random r = new Random(seed);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(170, 1.0).reps(6, 170, 60, 1.5).hold(170, 1.0);
        RepCounter c = new RepCounter(Exercise.PUSHUP, 0);
        assertThat(KinematicBody.run(c, p, FPS, body::frontCurl, r)).isZero();
    }

    @Test
    void should_report_each_rep_when_back_at_the_start_with_the_flexed_moment_and_a_confidence() {
        KinematicBody body = new KinematicBody(320, 440, 61);
        Random r = new Random(61);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(175, 1.5).reps(4, 175, 85, 2.0).hold(175, 1.0);
        List<RepEvent> events = new ArrayList<>();
        RepCounter c = new RepCounter(Exercise.SQUAT, 0);
        long frame = 0;
        for (double t = 0; t <= p.duration(); t += 1 / FPS) {
            c.update(frame++, t, body.squat(p.at(t))).ifPresent(events::add);
        }
        assertThat(events).hasSize(4);
        for (int i = 0; i < 4; i++) {
            RepEvent e = events.get(i);
            double bottom = 1.5 + 2.0 * i + 1.0; // the cosine rep is deepest half-way
            assertThat(e.flexedSeconds()).as("flexed before the bottom of rep %d", i + 1).isBetween(bottom - 0.8, bottom + 0.1);
            assertThat(e.timeSeconds()).as("completed on the way up of rep %d", i + 1).isBetween(bottom + 0.1, bottom + 1.0);
            assertThat(e.frame()).isGreaterThan(e.flexedFrame());
            assertThat(e.confidence()).as("clean keypoints: %s", e.confidenceNote()).isGreaterThanOrEqualTo(0.7);
        }
    }

    @Test
    void should_give_low_confidence_and_report_the_stretch_it_could_not_read() {
        KinematicBody body = new KinematicBody(320, 440, 62);
        body.nearScore = 0.42; // a pose the model sees badly
        Random r = new Random(62);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(175, 1.5).reps(3, 175, 85, 2.0).hold(175, 4.0);
        List<RepEvent> events = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        RepCounter c = new RepCounter(Exercise.SQUAT, CounterSettings.defaults(), 3, new CountListener() {
            @Override
            public void onUncertain(int person, double from, double to, String reason, String guidance) {
                uncertain.add(String.format("%d %.1f-%.1f %s | %s", person, from, to, reason, guidance));
            }
        });
        long frame = 0;
        for (double t = 0; t <= p.duration(); t += 1 / FPS) {
            boolean lost = t > 8.0 && t < 10.0; // the student walks out of view for 2 s
            c.update(frame++, t, lost ? null : body.squat(p.at(t))).ifPresent(events::add);
        }
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.confidence()).as(e.confidenceNote()).isLessThan(0.5));
        assertThat(events.get(0).confidenceNote()).contains("keypoint scores");
        assertThat(uncertain).anySatisfy(u -> assertThat(u).startsWith("3 8.").contains("not seen").contains("学生不在画面中"));
        assertThat(c.uncertain()).anySatisfy(u -> assertThat(u.toSeconds() - u.fromSeconds()).isGreaterThan(1.5));
    }

    @Test
    void should_reset_one_person_and_keep_the_others() {
        KinematicBody a = new KinematicBody(200, 440, 71), b = new KinematicBody(460, 440, 72);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(175, 1.5).reps(3, 175, 85, 2.0).hold(175, 1.0);
        ExerciseCounter counter = new ExerciseCounter(Exercise.SQUAT);
        long frame = 0;
        for (double t = 0; t <= p.duration(); t += 1 / FPS) {
            counter.update(frame++, t, Map.of(1, a.squat(p.at(t)), 2, b.squat(p.at(t))));
        }
        assertThat(counter.perPerson()).containsEntry(1, 3).containsEntry(2, 3);
        counter.reset(1);
        assertThat(counter.perPerson()).containsEntry(1, 0).containsEntry(2, 3);
        assertThat(counter.total()).isEqualTo(3);
        counter.reset();
        assertThat(counter.perPerson()).containsEntry(1, 0).containsEntry(2, 0);
        assertThat(counter.total()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void should_count_full_situps_and_not_count_lying_still(long seed) {
        KinematicBody body = new KinematicBody(360, 420, seed);
        Random r = new Random(seed);
        KinematicBody.Profile p = new KinematicBody.Profile().hold(3, 1.0);
        for (int i = 0; i < 3; i++) {
            p.rep(3 + 3 * r.nextDouble(), 60 + 15 * r.nextDouble(), 1.3 + 1.0 * r.nextDouble()).hold(4, 0.3);
        }
        p.hold(4, 4.0); // lying still
        RepCounter c = new RepCounter(Exercise.SITUP, 0);
        assertThat(KinematicBody.run(c, p, FPS, body::situp, r)).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35, 36})
    void should_count_small_crunches_that_start_at_the_top(long seed) {
        KinematicBody body = new KinematicBody(360, 420, seed);
        body.noisePx = 1.5;
        Random r = new Random(seed);
        // starts curled up (top), lies back, then 6 crunches of ~15-20 degrees
        KinematicBody.Profile p = new KinematicBody.Profile().hold(20, 0.3);
        p.ramp(20, 3, 0.7).hold(3, 0.3); // the starting top position is not a repetition
        for (int i = 0; i < 6; i++) {
            p.rep(3, 18 + 5 * r.nextDouble(), 1.2 + 0.4 * r.nextDouble());
        }
        p.hold(3, 2.5);
        RepCounter c = new RepCounter(Exercise.SITUP, 0);
        assertThat(KinematicBody.run(c, p, FPS, body::situp, r)).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void should_never_count_walking(long seed) {
        for (Exercise e : Exercise.values()) {
            KinematicBody body = new KinematicBody(40, 440, seed);
            body.nearIsLeft = seed % 2 == 0;
            Random r = new Random(seed);
            RepCounter c = new RepCounter(e, 0);
            long frame = 0;
            for (double t = 0; t < 12; t += 1 / FPS) {
                c.update(frame++, t, body.walk(t, 150, 75, 1.1)); // knee flexes deeper than real gait
            }
            assertThat(c.count()).as(e.name()).isZero();
        }
    }

    @Test
    void should_count_two_people_independently() {
        KinematicBody a = new KinematicBody(180, 440, 51), b = new KinematicBody(520, 440, 52);
        b.nearIsLeft = false;
        KinematicBody.Profile pa = new KinematicBody.Profile().hold(175, 1.0).reps(4, 175, 85, 2.5).hold(175, 3);
        KinematicBody.Profile pb = new KinematicBody.Profile().hold(175, 0.8).reps(7, 174, 95, 1.6).hold(175, 1);
        List<RepEvent> events = new ArrayList<>();
        ExerciseCounter counter = new ExerciseCounter(Exercise.SQUAT);
        long frame = 0;
        Random drop = new Random(53);
        for (double t = 0; t < Math.max(pa.duration(), pb.duration()); t += 1 / FPS) {
            Map<Integer, PoseEstimate> poses = new HashMap<>();
            if (drop.nextDouble() > 0.05) {
                poses.put(1, a.squat(pa.at(t)));
            }
            if (drop.nextDouble() > 0.05) {
                poses.put(2, b.squat(pb.at(t)));
            }
            events.addAll(counter.update(frame++, t, poses));
        }
        assertThat(counter.perPerson()).containsEntry(1, 4).containsEntry(2, 7);
        assertThat(counter.total()).isEqualTo(11);
        assertThat(events).extracting(RepEvent::person).containsOnly(1, 2);
        assertThat(events).isSortedAccordingTo((x, y) -> Long.compare(x.frame(), y.frame()));
    }

    @Test
    void should_not_count_when_keypoints_are_unreliable() {
        KinematicBody body = new KinematicBody(320, 440, 61);
        body.nearScore = 0.2;
        body.farScore = 0.15;
        KinematicBody.Profile p = new KinematicBody.Profile().reps(5, 175, 80, 2);
        RepCounter c = new RepCounter(Exercise.SQUAT, 0);
        assertThat(KinematicBody.run(c, p, FPS, body::squat, new Random(61))).isZero();
    }

    @Test
    void should_explain_each_state_change_with_its_threshold() {
        KinematicBody body = new KinematicBody(320, 440, 71);
        List<String> changes = new ArrayList<>();
        int[] angles = {0};
        CountListener explain = new CountListener() {
            @Override
            public void onAngle(int person, long frame, double t, Exercise.Side side, double raw, double smoothed,
                                RepCounter.State state) {
                angles[0]++;
            }

            @Override
            public void onStateChange(int person, long frame, double t, RepCounter.State from, RepCounter.State to,
                                      double angle, double threshold, boolean counted, String note) {
                assertThat(to == RepCounter.State.FLEXED ? angle <= threshold : angle >= threshold).isTrue();
                changes.add(from + ">" + to + (counted ? "+1" : ""));
            }
        };
        RepCounter c = new RepCounter(Exercise.SQUAT, CounterSettings.defaults(), 0, explain);
        KinematicBody.run(c, new KinematicBody.Profile().hold(175, 1).reps(2, 175, 85, 2).hold(175, 1), FPS,
                body::squat, new Random(71));
        assertThat(changes).containsExactly("UNKNOWN>FLEXED+1", "FLEXED>EXTENDED", "EXTENDED>FLEXED+1", "FLEXED>EXTENDED");
        assertThat(angles[0]).isGreaterThan(60);
    }
}
