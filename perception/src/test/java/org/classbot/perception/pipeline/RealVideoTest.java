package org.classbot.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.classbot.perception.Frame;
import org.classbot.perception.StageTimes;
import org.classbot.perception.count.CountListener;
import org.classbot.perception.count.CounterSettings;
import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.RepCounter;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.count.RepEvent;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.model.CenterNet;
import org.classbot.perception.model.MoveNet;
import org.classbot.perception.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real models on real video: the three hand-counted exercise clips in ../shared/exercise (read in
 * place, never copied) and the pedestrian video vtest.avi from Debian opencv-doc. Skips with a message
 * where the clips, the video or the npm model tarballs are absent.
 */
class RealVideoTest {

    static final Path EXERCISE = Path.of(System.getProperty("classbot.exercise", "../../shared/exercise"));
    static final Path VTEST = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

    private static List<RepEvent> count(Path clip, Exercise exercise) {
        return count(clip, exercise, false);
    }

    private static List<RepEvent> count(Path clip, Exercise exercise, boolean detector) {
        assumeTrue(Files.isReadable(clip), "skipped: exercise clip not beside the checkout: " + clip);
        ExerciseCounter counter = new ExerciseCounter(exercise);
        // the test owns the models; the pipeline borrows them and run() is the one frame loop
        try (MoveNet pose = MoveNet.load(TestModels.onnx(KnownModel.MOVENET_LIGHTNING));
             CenterNet det = detector ? CenterNet.load(TestModels.onnx(KnownModel.CENTERNET)) : null;
             FrameSource src = FrameSources.open(clip.toString())) {
            PerceptionPipeline.Builder b = PerceptionPipeline.builder().optPoseEstimator(pose)
                    .addCounter(counter).optDetectEvery(5);
            if (det != null) {
                b.optDetector(det);
            }
            b.build().run(src);
        }
        System.out.printf("%s: %s reps %d at %s, per person %s%s%n", clip.getFileName(), exercise, counter.total(),
                counter.events().stream().map(e -> String.format("%.2fs (flexed %.2fs, confidence %.2f: %s)", e.timeSeconds(),
                        e.flexedSeconds(), e.confidence(), e.confidenceNote())).toList(),
                counter.perPerson(), detector ? " (with CenterNet)" : "");
        return counter.events();
    }

    @ParameterizedTest(name = "{0}: {2} {1}")
    @CsvSource({
            "junghoonji543+Rok-Fit__situp.mp4, situp, 3, 6.6, 9.5",      // lying still 6.6-9.5 s
            "THChen2002+medaipipe__situps.mp4, situp, 6, 0.0, 0.5",      // starts at the top: not a rep
            "Joe-Lo0716+pose_test__squat1.mp4, squat, 5, 18.0, 22.7",    // bar set down, standing still
    })
    void should_count_each_real_clip_exactly_as_hand_counted(String clip, String exercise, int expected,
                                                             double stillFrom, double stillTo) {
        List<RepEvent> events = count(EXERCISE.resolve(clip), Exercise.parse(exercise));
        assertThat(events).hasSize(expected);
        assertThat(events).extracting(RepEvent::flexedSeconds)
                .as("nothing flexed while still, %.1f-%.1f s", stillFrom, stillTo)
                .noneMatch(t -> t >= stillFrom && t <= stillTo);
    }

    @Test
    void should_count_the_sit_ups_of_one_person_while_a_partner_holds_the_feet() {
        List<RepEvent> events = count(EXERCISE.resolve("junghoonji543+Rok-Fit__situp.mp4"), Exercise.SITUP, true);
        assertThat(events).hasSize(3);
        assertThat(events).extracting(RepEvent::person).as("all reps by the same tracked person").containsOnly(events.get(0).person());
    }

    @Test
    void should_count_no_push_ups_in_a_squat_clip_and_no_squats_in_a_sit_up_clip() {
        assertThat(count(EXERCISE.resolve("Joe-Lo0716+pose_test__squat1.mp4"), Exercise.PUSHUP)).isEmpty();
        assertThat(count(EXERCISE.resolve("junghoonji543+Rok-Fit__situp.mp4"), Exercise.SQUAT)).isEmpty();
        // the head-on push-up reading (issue 14) must not find push-ups in lying or crunching people either
        assertThat(count(EXERCISE.resolve("junghoonji543+Rok-Fit__situp.mp4"), Exercise.PUSHUP)).isEmpty();
        assertThat(count(EXERCISE.resolve("THChen2002+medaipipe__situps.mp4"), Exercise.PUSHUP)).isEmpty();
    }

    @Test
    void should_track_the_pedestrians_of_vtest_and_count_no_exercise() {
        assumeTrue(Files.isReadable(VTEST), "skipped: Debian opencv-doc not installed: " + VTEST);
        Map<Exercise, ExerciseCounter> counters = new HashMap<>();
        CenterNet centerNet = CenterNet.load(TestModels.onnx(KnownModel.CENTERNET));
        MoveNet moveNet = MoveNet.load(TestModels.onnx(KnownModel.MOVENET_LIGHTNING));
        PerceptionPipeline.Builder b = PerceptionPipeline.builder()
                .optDetector(centerNet)
                .optPoseEstimator(moveNet)
                .optDetectEvery(3).optMaxPeople(4);
        CountListener why = new CountListener() {
            @Override
            public void onStateChange(int person, long frame, double t, RepCounter.State from, RepCounter.State to,
                                      double angle, double threshold, boolean counted, String note) {
                if (to == RepCounter.State.FLEXED) {
                    System.out.printf("vtest person %d frame %d: %s -> %s angle %.1f threshold %.1f %s%n",
                            person, frame, from, to, angle, threshold, counted ? "COUNTED" : "not counted: " + note);
                }
            }
        };
        for (Exercise e : Exercise.values()) {
            counters.put(e, new ExerciseCounter(e, CounterSettings.defaults(), why));
            b.addCounter(counters.get(e));
        }
        Map<Integer, Integer> framesPerPerson = new HashMap<>();
        List<Integer> peoplePerFrame = new ArrayList<>();
        long[] stageNanos = new long[3];
        PerceptionPipeline p = b.build();
        try (centerNet; moveNet; FrameSource src = FrameSources.open(VTEST.toString())) {
            long frames = p.run(src, new PerceptionListener() {
                @Override
                public void onFrame(FrameResult r) {
                    peoplePerFrame.add(r.people().size());
                    r.people().forEach(pp -> framesPerPerson.merge(pp.person(), 1, Integer::sum));
                    PerceptionPipeline.Timings t = p.lastTimings();
                    StageTimes models = t.detector().plus(t.pose());
                    stageNanos[0] += models.preprocessNanos();
                    stageNanos[1] += models.inferenceNanos();
                    stageNanos[2] += models.postprocessNanos();
                }
            });
            assertThat(frames).isEqualTo(795);
        }
        // every model reports its stage split through the pipeline's timings
        assertThat(stageNanos[0]).isPositive();
        assertThat(stageNanos[1]).isPositive();
        assertThat(stageNanos[2]).isPositive();
        long longTracks = framesPerPerson.values().stream().filter(n -> n >= 50).count();
        System.out.printf("vtest: %d frames, %d ids, %d followed >= 50 frames, mean %.1f people/frame%n",
                peoplePerFrame.size(), framesPerPerson.size(), longTracks,
                peoplePerFrame.stream().mapToInt(Integer::intValue).average().orElse(0));
        assertThat(peoplePerFrame).hasSize(795);
        assertThat(longTracks).as("people followed for 5 s or more").isGreaterThanOrEqualTo(5);
        assertThat(peoplePerFrame.stream().filter(n -> n >= 3).count()).as("frames with 3+ people")
                .isGreaterThan(400);
        counters.forEach((e, c) -> assertThat(c.total()).as(e + " counted on walking people").isZero());
    }

    @Test
    void should_count_the_people_of_vtest_close_to_a_hand_count() {
        assumeTrue(Files.isReadable(VTEST), "skipped: Debian opencv-doc not installed: " + VTEST);
        org.classbot.perception.crowd.PeopleCounter people = new org.classbot.perception.crowd.PeopleCounter(
                org.classbot.perception.crowd.PeopleCounter.Settings.defaults(),
                org.classbot.perception.crowd.PeopleCounter.Line.parse("0,330,768,330"));
        try (CenterNet centerNet = CenterNet.load(TestModels.onnx(KnownModel.CENTERNET));
             FrameSource src = FrameSources.open(VTEST.toString())) {
            // as `classbot count people` runs it: detection + tracking, everyone, person score >= 0.4
            PerceptionPipeline.builder().optDetector(centerNet).optDetectEvery(5).optMaxPeople(50).optMinPersonScore(0.4)
                    .addListener(people).build().run(src);
        }
        Map<Double, Integer> inView = new HashMap<>();
        people.inView().forEach(v -> inView.put(v.timeSeconds(), v.people()));
        System.out.printf("vtest people: %d unique (%d breaks joined), max %d in view, line y=330: %d in, %d out; in view at 0/20/40/60 s: %s%n",
                people.uniquePeople(), people.joinedBreaks(), people.maxInView(), people.entries(), people.exits(),
                List.of(inView.get(0.0), inView.get(20.0), inView.get(40.0), inView.get(60.0)));
        // hand counts of the walkers in frames 0, 200, 400 and 600: 3, 7, 3, 6
        int[] hand = {3, 7, 3, 6};
        for (int i = 0; i < 4; i++) {
            assertThat(inView.get(20.0 * i)).as("people in view at %d s", 20 * i).isBetween(hand[i] - 1, hand[i] + 1);
        }
        assertThat(people.uniquePeople()).isBetween(20, 40);
        assertThat(people.entries() + people.exits()).isPositive();
    }
}
