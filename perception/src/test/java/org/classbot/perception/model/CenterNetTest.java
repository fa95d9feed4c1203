package org.classbot.perception.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.classbot.perception.Box;
import org.classbot.perception.Coco;
import org.classbot.perception.Detection;
import org.classbot.perception.Frame;
import org.classbot.perception.install.KnownModel;

/** CenterNet end to end: image file in, COCO detections in image pixels out, against TF.js's. */
class CenterNetTest {

    private static OnnxModel model;
    private static CenterNet noNms;
    private static CenterNet withNms;

    @BeforeAll
    static void load() {
        model = OnnxModel.load(TestModels.onnx(KnownModel.CENTERNET));
        noNms = CenterNet.builder(model).optScoreThreshold(0.31).optNmsIou(1).build();
        withNms = CenterNet.builder(model).build();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    static List<String> names() {
        return Golden.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void should_find_the_tfjs_detections_in_image_pixels(String name) throws IOException {
        BufferedImage img = ImageIO.read(Golden.image(name).toFile());
        List<Detection> ours = noNms.detect(new Frame(0, 0, img));
        JsonNode json = Golden.output(name, "centernet");
        double scale = json.path("pad_to").asDouble() / 512;
        List<Detection> golden = new ArrayList<>();
        for (JsonNode row : json.path("output").get(0)) {
            if (row.get(4).asDouble() >= 0.31) {
                golden.add(Detection.coco(new Box(row.get(0).asDouble() * scale, row.get(1).asDouble() * scale,
                        row.get(2).asDouble() * scale, row.get(3).asDouble() * scale), row.get(5).asInt(), row.get(4).asDouble()));
            }
        }
        assertThat(ours).hasSameSizeAs(golden);
        for (Detection g : golden) {
            assertThat(ours).as(name + ": TF.js " + g + " found").anyMatch(d -> d.classId() == g.classId()
                    && d.box().iou(g.box()) >= 0.9 && Math.abs(d.score() - g.score()) <= 1e-3);
        }
        assertThat(ours).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void should_find_the_person_and_the_dog_in_person_jpg() throws IOException {
        BufferedImage img = ImageIO.read(Golden.image("person").toFile());
        List<Detection> found = withNms.detect(new Frame(0, 0, img));
        assertThat(found).extracting(Detection::label).contains("person", "dog");
        Detection person = found.stream().filter(Detection::isPerson).findFirst().orElseThrow();
        assertThat(person.box().x1()).isBetween(0.0, 640.0);
        assertThat(person.box().y2()).isBetween(0.0, 430.0);
        assertThat(Coco.labelZh(person.classId())).isEqualTo("人");
    }

    @Test
    void should_suppress_overlapping_boxes_of_one_class_with_nms() throws IOException {
        BufferedImage img = ImageIO.read(Golden.image("basketball1").toFile());
        Frame frame = new Frame(0, 0, img);
        List<Detection> raw = CenterNet.builder(model).optNmsIou(1).build().detect(frame);
        List<Detection> nms = withNms.detect(frame);
        assertThat(nms.size()).isLessThan(raw.size());
        for (int i = 0; i < nms.size(); i++) {
            for (int j = i + 1; j < nms.size(); j++) {
                if (nms.get(i).classId() == nms.get(j).classId()) {
                    assertThat(nms.get(i).box().iou(nms.get(j).box())).isLessThanOrEqualTo(CenterNet.DEFAULT_NMS_IOU);
                }
            }
        }
    }
}
