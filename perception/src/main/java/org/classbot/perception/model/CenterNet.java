package org.classbot.perception.model;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.classbot.perception.Box;
import org.classbot.perception.Detection;
import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.StageTimes;
import org.classbot.perception.image.SquareInput;
import org.classbot.perception.image.SquareResize;

/**
 * CenterNet (MobileNetV3, COCO-80) on ONNX Runtime: the model itself decodes heat-map peaks into
 * its top-K rows {@code [x1, y1, x2, y2, score, class]} in input pixels. Steps, each measurable:
 * {@link #preprocess}, {@link #infer} ({@code session.run} only), {@link #postprocess} (score
 * threshold, boxes to frame pixels, per-class NMS — the model applies none).
 */
public final class CenterNet implements Detector {

    public static final double DEFAULT_SCORE_THRESHOLD = 0.3;
    public static final double DEFAULT_NMS_IOU = 0.5;

    private final OnnxModel model;
    private final ImageInput input;
    private final String output;
    private final double scoreThreshold;
    private final double nmsIou;
    private final OnnxTranslator<Frame, SquareInput, List<Detection>> translator;
    private final OnnxPredictor<Frame, List<Detection>> predictor;

    private CenterNet(OnnxModel model, double scoreThreshold, double nmsIou) {
        this.model = model;
        this.input = ImageInput.of(model, "CenterNet");
        this.output = detectionsOutput(model)
                .orElseThrow(() -> new ModelException("CenterNet expects an output [1,K,6] (x1, y1, x2, y2, score, class), but "
                        + model.describe() + " has none (unknown layout)"));
        this.scoreThreshold = scoreThreshold;
        this.nmsIou = nmsIou;
        this.translator = new OnnxTranslator<>() {
            @Override
            public Prepared<SquareInput> pre(OrtEnvironment env, Frame frame) {
                SquareInput sq = SquareResize.apply(frame.image(), input.size());
                return Prepared.of(sq, input.name(), input.tensor(env, sq));
            }

            @Override
            public List<Detection> post(OrtSession.Result result, SquareInput sq) {
                return postprocess(rows(result), sq);
            }
        };
        this.predictor = OnnxPredictor.of(model, translator);
    }

    public static Builder builder(OnnxModel model) {
        return new Builder(model);
    }

    public static CenterNet load(Path file) {
        return OnnxModel.open(file, m -> builder(m).build());
    }

    /** True when the model has one square image input and a {@code [1,K,6]} detections output. */
    public static boolean accepts(OnnxModel model) {
        return ImageInput.find(model).isPresent() && detectionsOutput(model).isPresent();
    }

    private static Optional<String> detectionsOutput(OnnxModel model) {
        return model.outputs().stream()
                .filter(o -> o.shape().length == 3 && o.shape()[2] == 6 && (o.shape()[0] == 1 || o.shape()[0] == -1))
                .map(OnnxModel.TensorSpec::name).findFirst();
    }

    public int inputSize() {
        return input.size();
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public List<Detection> detect(Frame frame) {
        return predictor.predict(frame);
    }

    /** Time split of the last {@link #detect} call. */
    @Override
    public StageTimes lastTimes() {
        return predictor.lastTimes();
    }

    /** The pre/post halves of one call, for {@link OnnxPredictor} (or a caller timing them its own way). */
    public OnnxTranslator<Frame, SquareInput, List<Detection>> translator() {
        return translator;
    }

    /** The whole frame padded to a square, resized to the model's side, packed as its input tensor. */
    public Prepared<SquareInput> preprocess(Frame frame) {
        return translator.pre(model.environment(), frame);
    }

    /** {@code session.run}: the model's rows {@code [x1, y1, x2, y2, score, class]} in input pixels, by score. */
    public float[][] infer(Prepared<SquareInput> prepared) {
        try (OrtSession.Result r = model.run(prepared.feed())) {
            return rows(r);
        }
    }

    private float[][] rows(OrtSession.Result r) {
        OnnxTensor t = (OnnxTensor) r.get(output).orElseThrow();
        long[] shape = t.getInfo().getShape();
        FloatBuffer fb = t.getFloatBuffer();
        int k = (int) shape[1];
        float[][] rows = new float[k][6];
        for (int i = 0; i < k; i++) {
            fb.get(rows[i]);
        }
        return rows;
    }

    /** Rows at or above the score threshold, boxes in frame pixels, per-class NMS, by score descending. */
    public List<Detection> postprocess(float[][] rows, SquareInput sq) {
        List<Detection> found = new ArrayList<>();
        for (float[] r : rows) {
            if (r[4] < scoreThreshold) {
                continue;
            }
            double x1 = sq.imageX(r[0]), y1 = sq.imageY(r[1]), x2 = sq.imageX(r[2]), y2 = sq.imageY(r[3]);
            if (!(x2 >= x1 && y2 >= y1)) {
                continue;
            }
            found.add(Detection.coco(new Box(x1, y1, x2, y2), Math.round(r[5]), r[4]));
        }
        return nmsIou >= 1 ? Nms.byScore(found) : Nms.perClass(found, nmsIou);
    }

    @Override
    public void close() {
        model.close();
    }

    /** Settings: {@code optScoreThreshold} (default 0.3), {@code optNmsIou} (default 0.5; 1 turns NMS off). */
    public static final class Builder {
        private final OnnxModel model;
        private double scoreThreshold = DEFAULT_SCORE_THRESHOLD;
        private double nmsIou = DEFAULT_NMS_IOU;

        private Builder(OnnxModel model) {
            this.model = model;
        }

        public Builder optScoreThreshold(double t) {
            if (t < 0 || t > 1) {
                throw new IllegalArgumentException("score threshold must be in [0,1], got " + t);
            }
            this.scoreThreshold = t;
            return this;
        }

        public Builder optNmsIou(double iou) {
            if (iou <= 0 || iou > 1) {
                throw new IllegalArgumentException("NMS IoU must be in (0,1], got " + iou);
            }
            this.nmsIou = iou;
            return this;
        }

        public CenterNet build() {
            return new CenterNet(model, scoreThreshold, nmsIou);
        }
    }
}
