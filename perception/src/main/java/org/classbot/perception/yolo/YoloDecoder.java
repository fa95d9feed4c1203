package org.classbot.perception.yolo;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.classbot.perception.Box;
import org.classbot.perception.Detection;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.model.Nms;

/**
 * Turns a raw YOLOv8/YOLO11 output tensor into detections (and poses) in source-image pixels:
 * per anchor {@code cx, cy, w, h} in letterboxed input pixels, then class scores (already
 * sigmoid in Ultralytics exports), then for pose {@code K × (x, y, visibility)}; keep anchors whose
 * best class score ≥ {@code minScore}, per-class NMS at {@code iou}, at most {@code maxDetections},
 * undo the letterbox. Pure post-processing: no session, testable on its own.
 */
public final class YoloDecoder {

    /** One decoded object; {@code pose} is null for detect models. */
    public record Result(Detection detection, PoseEstimate pose) {
    }

    private final YoloLayout layout;
    private final double minScore;
    private final double iou;
    private final int maxDetections;

    public YoloDecoder(YoloLayout layout, double minScore, double iou, int maxDetections) {
        this.layout = layout;
        this.minScore = minScore;
        this.iou = iou;
        this.maxDetections = maxDetections;
    }

    /**
     * Decodes {@code data}, the output of shape {@code [1, d1, d2]}: {@code [1, C, N]} (Ultralytics'
     * default) or {@code [1, N, C]} (transposed), recognised by which side equals the layout's C.
     */
    public List<Result> decode(float[] data, long[] shape, Letterbox box) {
        int c = layout.channels();
        if (shape.length != 3 || shape[0] != 1 || (shape[1] != c && shape[2] != c)) {
            throw new IllegalArgumentException("YOLO output shape " + java.util.Arrays.toString(shape)
                    + " does not fit " + layout.kind() + " with " + c + " channels");
        }
        boolean transposed = shape[1] != c;
        int n = (int) (transposed ? shape[1] : shape[2]);
        // candidates above the score threshold, remembering their anchor for the keypoints
        Map<Detection, Integer> anchorOf = new IdentityHashMap<>();
        List<Detection> candidates = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int best = -1;
            double bestScore = -1;
            for (int k = 0; k < layout.classes(); k++) {
                double s = at(data, transposed, c, n, 4 + k, a);
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            if (bestScore < minScore) {
                continue;
            }
            double cx = at(data, transposed, c, n, 0, a), cy = at(data, transposed, c, n, 1, a);
            double w = at(data, transposed, c, n, 2, a), h = at(data, transposed, c, n, 3, a);
            if (!(w > 0) || !(h > 0)) {
                continue;
            }
            Box b = Box.ofCenter(cx, cy, w, h);
            Box img = new Box(box.toImageX(b.x1()), box.toImageY(b.y1()), box.toImageX(b.x2()), box.toImageY(b.y2()));
            Detection det = new Detection(img, best, layout.names().get(best), bestScore);
            anchorOf.put(det, a);
            candidates.add(det);
        }
        List<Result> out = new ArrayList<>();
        for (Detection det : Nms.perClass(candidates, iou)) {
            if (out.size() >= maxDetections) {
                break;
            }
            PoseEstimate pose = null;
            if (layout.kind() == YoloLayout.Kind.POSE) {
                int a = anchorOf.get(det);
                int base = 4 + layout.classes();
                List<Keypoint> kps = new ArrayList<>();
                for (int k = 0; k < layout.keypoints(); k++) {
                    kps.add(new Keypoint(k, box.toImageX(at(data, transposed, c, n, base + 3 * k, a)),
                            box.toImageY(at(data, transposed, c, n, base + 3 * k + 1, a)),
                            at(data, transposed, c, n, base + 3 * k + 2, a)));
                }
                pose = new PoseEstimate(kps, det.score(), det.box());
            }
            out.add(new Result(det, pose));
        }
        return out;
    }

    private static double at(float[] data, boolean transposed, int c, int n, int channel, int anchor) {
        return transposed ? data[anchor * c + channel] : data[channel * n + anchor];
    }
}
