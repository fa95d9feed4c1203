package org.classbot.perception.yolo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.onnxruntime.OnnxJavaType;
import org.classbot.perception.Coco;
import org.classbot.perception.model.ModelException;
import org.classbot.perception.model.OnnxModel;

/**
 * What an Ultralytics YOLOv8/YOLO11 ONNX export looks like, read from the model itself: one float
 * input {@code [1,3,H,W]} (dynamic H/W fall back to 640) and one output {@code [1, 4+nc, N]} (detect)
 * or {@code [1, 4+1+K·3, N]} (pose, K keypoints, usually 17), possibly transposed {@code [1, N, C]}.
 * Class names and {@code kpt_shape} come from the export's metadata when present; otherwise
 * {@code C = 56} is COCO pose and {@code C = 84} COCO detect. Anything else fails with a message
 * that names the shapes found.
 */
public record YoloLayout(String inputName, int inputWidth, int inputHeight, Kind kind, int classes,
                         int keypoints, List<String> names) {

    public enum Kind { DETECT, POSE }

    private static final Pattern NAME = Pattern.compile("(\\d+)\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern KPT = Pattern.compile("\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

    public static YoloLayout of(OnnxModel model) {
        if (model.inputs().size() != 1 || model.outputs().isEmpty()) {
            throw unknown(model, "expected 1 image input and an output");
        }
        OnnxModel.TensorSpec in = model.inputs().get(0);
        long[] is = in.shape();
        if (in.type() != OnnxJavaType.FLOAT || is.length != 4 || (is[0] != 1 && is[0] != -1) || is[1] != 3) {
            throw unknown(model, "input must be float [1,3,H,W]");
        }
        int h = is[2] > 0 ? (int) is[2] : 640, w = is[3] > 0 ? (int) is[3] : 640;
        long[] os = model.outputs().get(0).shape();
        if (os.length != 3) {
            throw unknown(model, "output must be [1, 4+classes, anchors] (detect) or [1, 56, anchors] (pose)");
        }
        Map<String, String> meta = model.metadata();
        List<String> names = parseNames(meta.get("names"));
        int kpts = parseKeypoints(meta.get("kpt_shape"));
        String task = meta.getOrDefault("task", "");
        long c = channels(os, names, kpts);
        if (c <= 0) {
            throw unknown(model, "output channel count is dynamic");
        }
        Kind kind;
        int classes;
        if ("pose".equals(task) || kpts > 0 || (names.size() <= 1 && c == 56)) {
            int k = kpts > 0 ? kpts : 17;
            classes = (int) c - 4 - k * 3;
            if (classes < 1) {
                throw unknown(model, "pose output has " + c + " channels, too few for " + k + " keypoints");
            }
            if (k != Coco.KEYPOINTS.size()) {
                throw unknown(model, "pose model has " + k + " keypoints; ClassBot reads COCO-17 only");
            }
            kind = Kind.POSE;
            if (names.isEmpty()) {
                names = List.of("person");
            }
            return new YoloLayout(in.name(), w, h, kind, classes, k, names);
        }
        classes = (int) c - 4;
        if (classes < 1) {
            throw unknown(model, "detect output has " + c + " channels, need 4 box + at least 1 class");
        }
        if (names.isEmpty()) {
            if (classes == Coco.LABELS.size()) {
                names = Coco.LABELS;
            } else {
                List<String> n = new ArrayList<>();
                for (int i = 0; i < classes; i++) {
                    n.add("class " + i);
                }
                names = n;
            }
        }
        if (names.size() != classes) {
            throw unknown(model, "metadata names " + names.size() + " classes but the output has " + classes);
        }
        return new YoloLayout(in.name(), w, h, Kind.DETECT, classes, 0, names);
    }

    private static ModelException unknown(OnnxModel model, String why) {
        return new ModelException("not a YOLOv8/YOLO11 detect or pose export (" + why + "): " + model.describe());
    }

    /**
     * The channel dimension: the one matching what the metadata implies, else a COCO layout
     * (84 detect / 56 pose), else the smaller one (exports have thousands of anchors).
     */
    private static long channels(long[] os, List<String> names, int kpts) {
        if (!names.isEmpty()) {
            long expected = 4 + names.size() + (kpts > 0 ? 3L * kpts : 0);
            if (os[1] == expected || os[2] == expected) {
                return expected;
            }
        }
        for (long known : new long[] {84, 56}) {
            if (os[1] == known || os[2] == known) {
                return known;
            }
        }
        return os[1] > 0 && (os[2] <= 0 || os[1] <= os[2]) ? os[1] : os[2];
    }

    static List<String> parseNames(String meta) {
        List<String> out = new ArrayList<>();
        if (meta == null) {
            return out;
        }
        Matcher m = NAME.matcher(meta);
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            while (out.size() <= i) {
                out.add("class " + out.size());
            }
            out.set(i, m.group(2));
        }
        return out;
    }

    static int parseKeypoints(String meta) {
        if (meta == null) {
            return 0;
        }
        Matcher m = KPT.matcher(meta);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    public int channels() {
        return 4 + (kind == Kind.POSE ? classes + keypoints * 3 : classes);
    }
}
