package org.classbot.perception.yolo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.classbot.perception.Box;
import org.classbot.perception.Coco;
import org.classbot.perception.Detection;
import org.classbot.perception.Frame;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YOLO decoding through real ONNX Runtime, on tiny models whose output the test wrote itself. */
class YoloModelTest {

    @TempDir
    Path dir;

    /** A 128×64 frame into a 64×64 model: scale 0.5, 16 px grey bars above and below. */
    private static Frame frame() {
        BufferedImage img = new BufferedImage(128, 64, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 100, 50));
        g.fillRect(0, 0, 128, 64);
        g.dispose();
        return new Frame(0, 0, img);
    }

    /** [1, C, N] with anchor columns given as rows here for readability. */
    private static float[] channelsFirst(int c, float[][] anchors) {
        int n = anchors.length;
        float[] out = new float[c * n];
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < anchors[a].length; k++) {
                out[k * n + a] = anchors[a][k];
            }
        }
        return out;
    }

    private static float[] anchor(int c, float cx, float cy, float w, float h, int cls, float score) {
        float[] v = new float[c];
        v[0] = cx;
        v[1] = cy;
        v[2] = w;
        v[3] = h;
        v[4 + cls] = score;
        return v;
    }

    @Test
    void should_decode_a_detect_export_with_letterbox_nms_and_coco_labels() throws Exception {
        float[][] anchors = {
                anchor(84, 20, 32, 10, 20, 0, 0.9f),   // person → image box (30,12)-(50,52)
                anchor(84, 21, 32, 10, 20, 0, 0.8f),   // the same person again: NMS removes it
                anchor(84, 21, 32, 10, 20, 16, 0.7f),  // a dog in the same place: another class, kept
                anchor(84, 50, 30, 8, 8, 56, 0.3f),    // a chair
                anchor(84, 40, 40, 8, 8, 2, 0.2f),     // below the 0.25 score threshold
        };
        Path onnx = TinyOnnx.write(dir.resolve("det.onnx"), 64, 64, new long[] {1, 84, anchors.length},
                channelsFirst(84, anchors), Map.of());
        try (YoloModel yolo = YoloModel.load(onnx)) {
            assertThat(yolo.layout().kind()).isEqualTo(YoloLayout.Kind.DETECT);
            List<Detection> dets = yolo.detect(frame());
            assertThat(dets).extracting(Detection::label).containsExactly("person", "dog", "chair");
            Box person = dets.get(0).box();
            assertThat(person.x1()).isCloseTo(30, within(1e-4));
            assertThat(person.y1()).isCloseTo(12, within(1e-4));
            assertThat(person.x2()).isCloseTo(50, within(1e-4));
            assertThat(person.y2()).isCloseTo(52, within(1e-4));
            assertThat(dets.get(0).score()).isCloseTo(0.9, within(1e-6));
            assertThat(dets.get(2).box().centerX()).isCloseTo(100, within(1e-4));
            assertThat(yolo.lastTimes().inferenceNanos()).isPositive();
        }
    }

    @Test
    void should_decode_a_transposed_output_the_same_way() throws Exception {
        float[][] anchors = {anchor(84, 20, 32, 10, 20, 0, 0.9f), anchor(84, 50, 30, 8, 8, 56, 0.6f)};
        float[] flat = new float[2 * 84];
        for (int a = 0; a < 2; a++) {
            System.arraycopy(anchors[a], 0, flat, a * 84, 84);
        }
        Path onnx = TinyOnnx.write(dir.resolve("t.onnx"), 64, 64, new long[] {1, 2, 84}, flat, Map.of());
        try (YoloModel yolo = YoloModel.load(onnx)) {
            assertThat(yolo.detect(frame())).extracting(Detection::label).containsExactly("person", "chair");
        }
    }

    @Test
    void should_decode_a_pose_export_with_keypoints_in_image_pixels() throws Exception {
        float[][] anchors = new float[2][56];
        anchors[0] = anchor(56, 32, 32, 20, 30, 0, 0.85f);
        for (int k = 0; k < 17; k++) {
            anchors[0][5 + 3 * k] = 24 + k;        // x in input pixels
            anchors[0][5 + 3 * k + 1] = 20 + k;    // y
            anchors[0][5 + 3 * k + 2] = k / 16f;   // visibility
        }
        anchors[1] = anchor(56, 10, 40, 5, 5, 0, 0.1f);
        Path onnx = TinyOnnx.write(dir.resolve("pose.onnx"), 64, 64, new long[] {1, 56, 2},
                channelsFirst(56, anchors), Map.of("task", "pose", "kpt_shape", "[17, 3]", "names", "{0: 'person'}"));
        try (YoloModel yolo = YoloModel.load(onnx)) {
            assertThat(yolo.singlePose()).isFalse();
            List<PoseEstimate> poses = yolo.estimate(frame());
            assertThat(poses).hasSize(1);
            PoseEstimate p = poses.get(0);
            assertThat(p.keypoint(Coco.NOSE).x()).isCloseTo(48, within(1e-4));       // (24-0)/0.5
            assertThat(p.keypoint(Coco.NOSE).y()).isCloseTo(8, within(1e-4));        // (20-16)/0.5
            assertThat(p.keypoint(Coco.RIGHT_ANKLE).x()).isCloseTo(80, within(1e-4));
            assertThat(p.keypoint(Coco.RIGHT_ANKLE).score()).isCloseTo(1.0, within(1e-6));
            assertThat(p.keypoint(Coco.RIGHT_ANKLE).name()).isEqualTo("right_ankle");
            assertThat(yolo.detect(frame())).extracting(Detection::label).containsExactly("person");
        }
    }

    @Test
    void should_map_keypoints_of_a_crop_back_to_frame_pixels() throws Exception {
        float[][] anchors = {anchor(56, 32, 32, 20, 30, 0, 0.85f)};
        anchors[0][5] = 32;
        anchors[0][6] = 32;
        anchors[0][7] = 0.9f;
        Path onnx = TinyOnnx.write(dir.resolve("pose2.onnx"), 64, 64, new long[] {1, 56, 1},
                channelsFirst(56, anchors), Map.of());
        try (YoloModel yolo = YoloModel.load(onnx)) {
            // crop 64×32 at (10,20): scale 1, pad 16 rows; input (32,32) → crop (32,16) → frame (42,36)
            PoseEstimate p = yolo.estimate(frame(), new Box(10, 20, 74, 52)).get(0);
            assertThat(p.keypoint(0).x()).isCloseTo(42, within(1e-4));
            assertThat(p.keypoint(0).y()).isCloseTo(36, within(1e-4));
        }
    }

    @Test
    void should_fail_clearly_on_an_unknown_layout() throws Exception {
        Path onnx = TinyOnnx.write(dir.resolve("odd.onnx"), 64, 64, new long[] {1, 3, 100}, new float[300], Map.of());
        assertThatThrownBy(() -> YoloModel.load(onnx)).isInstanceOf(ModelException.class)
                .hasMessageContaining("not a YOLOv8/YOLO11 detect or pose export")
                .hasMessageContaining("[1, 3, 100]");
        Path flat = TinyOnnx.write(dir.resolve("flat.onnx"), 64, 64, new long[] {1, 84}, new float[84], Map.of());
        assertThatThrownBy(() -> YoloModel.load(flat)).isInstanceOf(ModelException.class)
                .hasMessageContaining("output must be [1, 4+classes, anchors]");
    }

    @Test
    void should_letterbox_with_grey_bars_and_rgb_planes() {
        Letterbox lb = Letterbox.of(frame().image(), 64, 64, 0, 0);
        int plane = 64 * 64;
        assertThat(lb.chw()[0]).isCloseTo(114f / 255f, within(1e-6f));               // top bar
        assertThat(lb.chw()[32 * 64 + 32]).isCloseTo(200f / 255f, within(1e-6f));    // R plane, centre
        assertThat(lb.chw()[plane + 32 * 64 + 32]).isCloseTo(100f / 255f, within(1e-6f));
        assertThat(lb.chw()[2 * plane + 32 * 64 + 32]).isCloseTo(50f / 255f, within(1e-6f));
        assertThat(lb.chw()[63 * 64]).isCloseTo(114f / 255f, within(1e-6f));          // bottom bar
    }
}
