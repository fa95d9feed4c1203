package org.classbot.perception.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.classbot.perception.image.SquareInput;
import org.classbot.perception.Box;
import org.classbot.perception.Frame;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.frame.Images;
import org.classbot.perception.install.KnownModel;

/** MoveNet end to end: image file in, keypoints in image pixels out, against TF.js's. */
class MoveNetTest {

    private static MoveNet moveNet;

    @BeforeAll
    static void load() {
        moveNet = MoveNet.load(TestModels.onnx(KnownModel.MOVENET_LIGHTNING));
    }

    @AfterAll
    static void close() {
        if (moveNet != null) {
            moveNet.close();
        }
    }

    static List<String> names() {
        return Golden.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void should_find_the_tfjs_keypoints_in_image_pixels(String name) throws IOException {
        BufferedImage img = ImageIO.read(Golden.image(name).toFile());
        PoseEstimate pose = moveNet.estimate(new Frame(0, 0, img)).get(0);
        JsonNode expected = Golden.output(name, "movenet").path("keypoints_image_px");
        double maxPx = 0;
        for (int k = 0; k < 17; k++) {
            Keypoint kp = pose.keypoint(k);
            JsonNode e = expected.get(k);
            assertThat(kp.name()).isEqualTo(e.path("name").asText());
            maxPx = Math.max(maxPx, Math.hypot(kp.x() - e.path("x").asDouble(), kp.y() - e.path("y").asDouble()));
            assertThat(kp.score()).as(name + " " + kp.name() + " score").isCloseTo(e.path("score").asDouble(), within(1e-3));
        }
        assertThat(maxPx).as(name + ": largest keypoint distance to TF.js in pixels").isLessThan(1.0);
        assertThat(pose.score()).isBetween(0.0, 1.0);
    }

    @Test
    void should_report_a_crop_in_frame_pixels() throws IOException {
        BufferedImage img = ImageIO.read(Golden.image("messi5").toFile());
        Frame frame = new Frame(0, 0, Images.toBgr(img));
        Box region = new Box(150, 20, 350, 342);
        PoseEstimate fromRegion = moveNet.estimate(frame, region).get(0);
        BufferedImage crop = Images.crop(frame.image(), 150, 20, 200, 322);
        PoseEstimate fromCrop = moveNet.estimate(new Frame(0, 0, crop)).get(0).translate(150, 20);
        for (int k = 0; k < 17; k++) {
            assertThat(fromRegion.keypoint(k).x()).isCloseTo(fromCrop.keypoint(k).x(), within(1e-6));
            assertThat(fromRegion.keypoint(k).y()).isCloseTo(fromCrop.keypoint(k).y(), within(1e-6));
        }
        // the player's nose lies inside the region, not at the crop's own origin
        assertThat(fromRegion.keypoint(0).x()).isBetween(150.0, 350.0);
    }

    @Test
    void should_split_preprocess_infer_and_postprocess() throws IOException {
        BufferedImage img = ImageIO.read(Golden.image("person").toFile());
        Frame frame = new Frame(0, 0, img);
        try (Prepared<SquareInput> p = moveNet.preprocess(frame, frame.bounds())) {
            assertThat(p.geometry().size()).isEqualTo(moveNet.inputSize()).isEqualTo(192);
            assertThat(p.geometry().rgb()).isEqualTo(Golden.input("person", "movenet"));
            float[] raw = moveNet.infer(p);
            assertThat(raw).hasSize(51);
            PoseEstimate pose = moveNet.postprocess(raw, p.geometry());
            assertThat(pose.keypoint(0).x()).isCloseTo(raw[1] * 640, within(1e-3));
        }
    }
}
