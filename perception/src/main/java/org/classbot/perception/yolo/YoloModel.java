package org.classbot.perception.yolo;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.classbot.perception.Box;
import org.classbot.perception.Detection;
import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.StageTimes;
import org.classbot.perception.image.Crop;
import org.classbot.perception.model.ModelException;
import org.classbot.perception.model.OnnxModel;
import org.classbot.perception.model.OnnxPredictor;
import org.classbot.perception.model.OnnxTranslator;
import org.classbot.perception.model.Prepared;

/**
 * A user's own Ultralytics YOLOv8/YOLO11 export ({@code yolov8n.onnx}, {@code yolo11n-pose.onnx}, ...)
 * as a {@link Detector} and, for pose exports, a multi-person {@link PoseEstimator}: letterbox
 * ({@link Letterbox}), {@code session.run}, decode + NMS ({@link YoloDecoder}) — three timed stages.
 * Defaults: score ≥ 0.25, NMS IoU 0.45, at most 100 objects.
 */
public final class YoloModel implements Detector, PoseEstimator {

    private final OnnxModel model;
    private final YoloLayout layout;
    private final YoloDecoder decoder;
    private final Translator translator = new Translator();
    private final OnnxPredictor<Crop, List<YoloDecoder.Result>> predictor;

    public YoloModel(OnnxModel model, double minScore, double iou, int maxDetections) {
        this.model = model;
        this.layout = YoloLayout.of(model);
        this.decoder = new YoloDecoder(layout, minScore, iou, maxDetections);
        this.predictor = OnnxPredictor.of(model, translator);
    }

    public static YoloModel load(Path file) {
        OnnxModel m = OnnxModel.load(file);
        try {
            return new YoloModel(m, 0.25, 0.45, 100);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public YoloLayout layout() { return layout; }

    /** Runs the model on {@code region} of the frame (the whole frame when null). */
    public List<YoloDecoder.Result> run(Frame frame, Box region) {
        return predictor.predict(region == null ? Crop.whole(frame) : Crop.of(frame, region));
    }

    /** The pre/post halves of one call (letterbox; decode + NMS), for {@link OnnxPredictor}. */
    public OnnxTranslator<Crop, Letterbox, List<YoloDecoder.Result>> translator() {
        return translator;
    }

    private final class Translator implements OnnxTranslator<Crop, Letterbox, List<YoloDecoder.Result>> {
        @Override
        public Prepared<Letterbox> pre(OrtEnvironment env, Crop c) {
            Letterbox lb = Letterbox.of(c.image(), layout.inputWidth(), layout.inputHeight(), c.x(), c.y());
            try {
                return Prepared.of(lb, layout.inputName(), OnnxTensor.createTensor(env, FloatBuffer.wrap(lb.chw()),
                        new long[] {1, 3, layout.inputHeight(), layout.inputWidth()}));
            } catch (OrtException e) {
                throw new ModelException("cannot feed " + model.file().getFileName() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public List<YoloDecoder.Result> post(OrtSession.Result result, Letterbox lb) {
            OnnxTensor o = (OnnxTensor) result.get(0);
            long[] shape = o.getInfo().getShape();
            FloatBuffer fb = o.getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return decoder.decode(out, shape, lb);
        }
    }

    @Override
    public List<Detection> detect(Frame frame) {
        return run(frame, null).stream().map(YoloDecoder.Result::detection).toList();
    }

    /** Pose exports only: every person found in the region, keypoints in frame pixels. */
    @Override
    public List<PoseEstimate> estimate(Frame frame, Box region) {
        if (layout.kind() != YoloLayout.Kind.POSE) {
            throw new ModelException(model.file().getFileName() + " is a YOLO detect model, not a pose model");
        }
        return run(frame, region).stream().map(YoloDecoder.Result::pose).toList();
    }

    @Override
    public boolean singlePose() { return false; }

    @Override
    public StageTimes lastTimes() { return predictor.lastTimes(); }

    @Override
    public void close() {
        model.close();
    }
}
