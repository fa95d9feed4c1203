package org.classbot.perception.tfjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.classbot.perception.Box;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.model.Golden;
import org.classbot.perception.model.OnnxModel;
import org.classbot.perception.model.TestModels;

/**
 * The converted ONNX models against TF.js itself: the exact golden input tensors go in, and the
 * outputs must agree with what TF.js (cpu backend) computed (tolerances from the golden README).
 */
class TfjsToOnnxGoldenTest {

    private static final java.util.Map<KnownModel, OnnxModel> MODELS = new java.util.EnumMap<>(KnownModel.class);
    private static double minIou;
    private static double maxScoreDiff;

    /** One session per model for the whole class. */
    private static OnnxModel model(KnownModel m) {
        return MODELS.computeIfAbsent(m, k -> OnnxModel.load(TestModels.onnx(k)));
    }

    @org.junit.jupiter.api.AfterAll
    static void closeModels() {
        MODELS.values().forEach(OnnxModel::close);
        MODELS.clear();
    }

    static List<String> names() {
        return Golden.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void should_match_tfjs_movenet_within_1e_3(String name) throws OrtException {
        byte[] u8 = Golden.input(name, "movenet");
        JsonNode expected = Golden.output(name, "movenet").path("output").get(0).get(0);
        OnnxModel model = model(KnownModel.MOVENET_LIGHTNING);
        {
            int[] ints = new int[u8.length];
            for (int i = 0; i < u8.length; i++) {
                ints[i] = Byte.toUnsignedInt(u8[i]);
            }
            try (OnnxTensor in = OnnxTensor.createTensor(model.environment(), IntBuffer.wrap(ints), new long[]{1, 192, 192, 3});
                 OrtSession.Result r = model.run(Map.of(model.inputs().get(0).name(), in))) {
                float[][][][] out = (float[][][][]) r.get(0).getValue();
                double max = 0;
                for (int k = 0; k < 17; k++) {
                    for (int c = 0; c < 3; c++) {
                        max = Math.max(max, Math.abs(out[0][0][k][c] - (float) expected.get(k).get(c).asDouble()));
                    }
                }
                System.out.printf("movenet %-12s max |diff| = %.3g%n", name, max);
                assertThat(max).as("max abs difference to TF.js on " + name).isLessThanOrEqualTo(1e-3);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void should_give_tfjs_centernet_detections(String name) throws OrtException {
        byte[] u8 = Golden.input(name, "centernet");
        JsonNode expected = Golden.output(name, "centernet").path("output").get(0);
        OnnxModel model = model(KnownModel.CENTERNET);
        {
            float[] f = new float[u8.length];
            for (int i = 0; i < u8.length; i++) {
                f[i] = Byte.toUnsignedInt(u8[i]);
            }
            try (OnnxTensor in = OnnxTensor.createTensor(model.environment(), FloatBuffer.wrap(f), new long[]{1, 512, 512, 3});
                 OrtSession.Result r = model.run(Map.of(model.inputs().get(0).name(), in))) {
                float[][] rows = ((float[][][]) r.get("tower_0/detections").orElseThrow().getValue())[0];
                List<float[]> golden = new ArrayList<>();
                expected.forEach(row -> {
                    float[] g = new float[6];
                    for (int i = 0; i < 6; i++) {
                        g[i] = (float) row.get(i).asDouble();
                    }
                    golden.add(g);
                });
                List<float[]> ours = List.of(rows);
                minIou = 1;
                maxScoreDiff = 0;
                int checked = matchAll(name, "TF.js", golden, "ONNX", ours) + matchAll(name, "ONNX", ours, "TF.js", golden);
                System.out.printf("centernet %-12s %d detections >= 0.31 matched both ways, min IoU %.6f, max |dscore| %.2g%n",
                        name, checked, minIou, maxScoreDiff);
            }
        }
    }

    /** Every row of {@code from} scoring at least 0.31 has a partner in {@code in}; returns how many. */
    private static int matchAll(String name, String fromName, List<float[]> from, String inName, List<float[]> in) {
        int n = 0;
        for (float[] d : from) {
            if (d[4] < 0.31f) {
                continue;
            }
            n++;
            Box box = new Box(d[0], d[1], d[2], d[3]);
            float[] best = in.stream().filter(e -> e[5] == d[5] && Math.abs(e[4] - d[4]) <= 1e-3)
                    .max((a, b) -> Double.compare(new Box(a[0], a[1], a[2], a[3]).iou(box), new Box(b[0], b[1], b[2], b[3]).iou(box)))
                    .orElse(null);
            double iou = best == null ? 0 : new Box(best[0], best[1], best[2], best[3]).iou(box);
            assertThat(iou).as("%s: %s detection class %d score %.5f box %s has an %s partner (IoU >= 0.9, same class, |dscore| <= 1e-3)",
                    name, fromName, (int) d[5], d[4], box, inName).isGreaterThanOrEqualTo(0.9);
            minIou = Math.min(minIou, iou);
            maxScoreDiff = Math.max(maxScoreDiff, Math.abs(best[4] - d[4]));
        }
        return n;
    }
}
