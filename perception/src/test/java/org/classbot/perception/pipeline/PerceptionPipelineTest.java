package org.classbot.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.classbot.perception.Coco;
import org.classbot.perception.Frame;
import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.yolo.TinyOnnx;
import org.classbot.perception.yolo.YoloModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-pose path of the pipeline with a YOLO pose export (a tiny ONNX model the test writes,
 * run by ONNX Runtime) that always sees two standing people: tracks, pairing, listeners, counters.
 */
class PerceptionPipelineTest {

    @TempDir
    Path dir;

    private Path twoPeopleModel() throws Exception {
        int n = 3;
        float[] out = new float[56 * n];
        float[][] people = {{16, 32, 12, 40, 0.9f}, {48, 32, 12, 40, 0.8f}, {40, 10, 4, 4, 0.05f}};
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < 5; k++) {
                out[k * n + a] = people[a][k];
            }
            for (int kp = 0; kp < 17; kp++) {
                float x = people[a][0] + (kp % 2 == 0 ? 2 : -2), y = people[a][1] - 18 + 2.2f * kp;
                out[(5 + 3 * kp) * n + a] = x;
                out[(6 + 3 * kp) * n + a] = y;
                out[(7 + 3 * kp) * n + a] = 0.9f;
            }
        }
        return TinyOnnx.write(dir.resolve("pose.onnx"), 64, 64, new long[] {1, 56, n}, out,
                Map.of("kpt_shape", "[17, 3]", "names", "{0: 'person'}"));
    }

    @Test
    void should_track_and_pose_everyone_a_multi_pose_model_finds_with_stable_ids() throws Exception {
        List<FrameResult> seen = new ArrayList<>();
        ExerciseCounter squats = new ExerciseCounter(Exercise.SQUAT);
        YoloModel yolo = YoloModel.load(twoPeopleModel());
        try (yolo; PerceptionPipeline p = PerceptionPipeline.builder()
                .optPoseEstimator(yolo)
                .addCounter(squats)
                .addListener(new PerceptionListener() {
                    @Override
                    public void onFrame(FrameResult result) {
                        seen.add(result);
                    }
                }).build()) {
            for (int i = 0; i < 30; i++) {
                p.process(new Frame(i, i / 10.0, new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR)));
            }
        }
        assertThat(seen).hasSize(30);
        FrameResult last = seen.get(29);
        assertThat(last.people()).extracting(PersonPose::person).containsExactly(1, 2);
        assertThat(last.people().get(0).pose().keypoint(Coco.NOSE).x()).isCloseTo(18, within(1e-3));
        assertThat(last.people().get(1).box().centerX()).isCloseTo(48, within(1e-3));
        assertThat(last.detections()).hasSize(2);
        assertThat(squats.perPerson()).containsOnlyKeys(1, 2);
        assertThat(squats.total()).isZero();
    }

    /** {@code n} blank 64×64 frames at 10 fps. */
    private static FrameSource blank(int n) {
        return new FrameSource() {
            private int next;

            @Override
            public Optional<Frame> next() {
                if (next >= n) {
                    return Optional.empty();
                }
                Frame f = new Frame(next, next / 10.0, new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR));
                next++;
                return Optional.of(f);
            }

            @Override public boolean live() { return false; }

            @Override public double frameRate() { return 10; }

            @Override public String description() { return "blank"; }

            @Override public void close() { }
        };
    }

    @Test
    void should_run_one_frame_loop_that_stops_when_asked_and_leaves_the_borrowed_model_open() throws Exception {
        YoloModel yolo = YoloModel.load(twoPeopleModel());
        try (yolo) {
            PerceptionPipeline p = PerceptionPipeline.builder().optPoseEstimator(yolo).build();
            FrameSource src = blank(100);
            List<Long> frames = new ArrayList<>();
            long n = p.run(src, new PerceptionListener() {
                @Override
                public void onFrame(FrameResult r) {
                    frames.add(r.frame());
                    if (r.frame() == 9) {
                        p.stop();
                    }
                }
            });
            assertThat(n).isEqualTo(10);
            assertThat(frames).hasSize(10).endsWith(9L);
            assertThat(p.lastTimings().pose().inferenceNanos()).isPositive();

            p.stop(); // asked before the loop starts: that run returns at once, the next one goes on
            assertThat(p.run(src)).isZero();
            p.close();
            assertThat(p.run(src)).isEqualTo(90);

            // closing the pipeline closed nothing it was given
            assertThat(yolo.estimate(new Frame(0, 0, new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR)))).hasSize(2);
            assertThat(yolo.lastTimes().inferenceNanos()).isPositive();
        }
    }
}
