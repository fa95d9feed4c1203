package org.classbot.perception.model;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.classbot.perception.Box;
import org.classbot.perception.Frame;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.StageTimes;
import org.classbot.perception.image.Crop;
import org.classbot.perception.image.SquareInput;
import org.classbot.perception.image.SquareResize;

/**
 * Google MoveNet single-pose (lightning 192 px, thunder 256 px) on ONNX Runtime. The three steps
 * are separate and can be timed on their own: {@link #preprocess} (crop, pad, resize, pack),
 * {@link #infer} ({@code session.run} only) and {@link #postprocess} (normalised {@code [y, x, score]}
 * to frame pixels); {@link #estimate} runs them through one {@link OnnxPredictor}, which fills
 * {@link #lastTimes()}. The input size and layout are read from the model; a model without the
 * single-pose output {@code [1,1,17,3]} is refused.
 */
public final class MoveNet implements PoseEstimator {

    /** Keypoints at or above this score span the pose's box. */
    public static final double BOX_KEYPOINT_SCORE = 0.2;

    private final OnnxModel model;
    private final ImageInput input;
    private final String output;
    private final OnnxTranslator<Crop, SquareInput, PoseEstimate> translator;
    private final OnnxPredictor<Crop, PoseEstimate> predictor;

    public MoveNet(OnnxModel model) {
        this.model = model;
        this.input = ImageInput.of(model, "MoveNet");
        this.output = singlePoseOutput(model)
                .orElseThrow(() -> new ModelException("MoveNet expects a single-pose output [1,1,17,3] (y, x, score per COCO keypoint), but "
                        + model.describe() + " has none (multi-pose MoveNet is not supported)"));
        this.translator = new OnnxTranslator<>() {
            @Override
            public Prepared<SquareInput> pre(OrtEnvironment env, Crop c) {
                SquareInput sq = SquareResize.apply(c.frame().image(), c.x(), c.y(), c.width(), c.height(), input.size());
                return Prepared.of(sq, input.name(), input.tensor(env, sq));
            }

            @Override
            public PoseEstimate post(OrtSession.Result result, SquareInput sq) {
                return postprocess(raw(result), sq);
            }
        };
        this.predictor = OnnxPredictor.of(model, translator);
    }

    public static MoveNet load(Path file) {
        return OnnxModel.open(file, MoveNet::new);
    }

    /** True when the model looks like MoveNet single-pose (one square image input, a [1,1,17,3] output). */
    public static boolean accepts(OnnxModel model) {
        return ImageInput.find(model).isPresent() && singlePoseOutput(model).isPresent();
    }

    private static java.util.Optional<String> singlePoseOutput(OnnxModel model) {
        return model.outputs().stream()
                .filter(o -> Arrays.equals(o.shape(), new long[]{1, 1, 17, 3}) || Arrays.equals(o.shape(), new long[]{-1, 1, 17, 3}))
                .map(OnnxModel.TensorSpec::name).findFirst();
    }

    /** The model's square input side (192 lightning, 256 thunder). */
    public int inputSize() {
        return input.size();
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public List<PoseEstimate> estimate(Frame frame, Box region) {
        return List.of(predictor.predict(Crop.of(frame, region)));
    }

    /** Time split of the last {@link #estimate} call. */
    @Override
    public StageTimes lastTimes() {
        return predictor.lastTimes();
    }

    /** The pre/post halves of one call, for {@link OnnxPredictor} (or a caller timing them its own way). */
    public OnnxTranslator<Crop, SquareInput, PoseEstimate> translator() {
        return translator;
    }

    /** Crop {@code region} (clipped to the frame), pad to a square, resize, pack as the model's input tensor. */
    public Prepared<SquareInput> preprocess(Frame frame, Box region) {
        return translator.pre(model.environment(), Crop.of(frame, region));
    }

    /** {@code session.run}: the raw output, 17 × {@code [y, x, score]} normalised to the square. */
    public float[] infer(Prepared<SquareInput> prepared) {
        try (OrtSession.Result r = model.run(prepared.feed())) {
            return raw(r);
        }
    }

    private float[] raw(OrtSession.Result r) {
        OnnxValue v = r.get(output).orElseThrow();
        FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
        if (fb.remaining() != 17 * 3) {
            throw new ModelException("MoveNet output has " + fb.remaining() + " values, expected 51");
        }
        float[] out = new float[51];
        fb.get(out);
        return out;
    }

    /** Normalised keypoints to frame pixels: {@code x = originX + x_n * padTo}, likewise y. */
    public PoseEstimate postprocess(float[] raw, SquareInput sq) {
        List<Keypoint> kps = new ArrayList<>(17);
        double sum = 0;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        int seen = 0;
        for (int k = 0; k < 17; k++) {
            double y = sq.imageY(raw[k * 3] * sq.size());
            double x = sq.imageX(raw[k * 3 + 1] * sq.size());
            double s = raw[k * 3 + 2];
            kps.add(new Keypoint(k, x, y, s));
            sum += s;
            if (s >= BOX_KEYPOINT_SCORE) {
                seen++;
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        Box box = seen >= 2 ? new Box(minX, minY, maxX, maxY)
                : new Box(sq.originX(), sq.originY(), sq.originX() + sq.padTo(), sq.originY() + sq.padTo());
        return new PoseEstimate(kps, sum / 17, box);
    }

    @Override
    public void close() {
        model.close();
    }
}
