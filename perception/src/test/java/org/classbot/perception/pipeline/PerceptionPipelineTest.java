package org.classbot.perception.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.classbot.perception.Coco;
import org.classbot.perception.Frame;
import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.ExerciseCounter;
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
        try (PerceptionPipeline p = PerceptionPipeline.builder()
                .optPoseEstimator(YoloModel.load(twoPeopleModel()))
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
}
