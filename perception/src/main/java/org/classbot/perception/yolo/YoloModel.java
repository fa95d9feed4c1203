package org.classbot.perception.yolo;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.classbot.perception.Box;
import org.classbot.perception.Detection;
import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.StageTimes;
import org.classbot.perception.frame.Images;
import org.classbot.perception.model.ModelException;
import org.classbot.perception.model.OnnxModel;

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
    private StageTimes last = StageTimes.NONE;

    public YoloModel(OnnxModel model, double minScore, double iou, int maxDetections) {
        this.model = model;
        this.layout = YoloLayout.of(model);
        this.decoder = new YoloDecoder(layout, minScore, iou, maxDetections);
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
        long t0 = System.nanoTime();
        Letterbox lb;
        if (region == null) {
            lb = Letterbox.of(frame.image(), layout.inputWidth(), layout.inputHeight(), 0, 0);
        } else {
            Box r = region.clip(frame.width(), frame.height());
            int x = (int) Math.floor(r.x1()), y = (int) Math.floor(r.y1());
            int w = Math.max(1, (int) Math.ceil(r.x2()) - x), h = Math.max(1, (int) Math.ceil(r.y2()) - y);
            lb = Letterbox.of(Images.crop(frame.image(), x, y, w, h), layout.inputWidth(), layout.inputHeight(), x, y);
        }
        long t1 = System.nanoTime();
        float[] out;
        long[] shape;
        long t2;
        try (OnnxTensor input = OnnxTensor.createTensor(model.environment(), FloatBuffer.wrap(lb.chw()),
                new long[] {1, 3, layout.inputHeight(), layout.inputWidth()})) {
            try (OrtSession.Result res = model.run(Map.of(layout.inputName(), input))) {
                t2 = System.nanoTime();
                OnnxTensor o = (OnnxTensor) res.get(0);
                shape = o.getInfo().getShape();
                FloatBuffer fb = o.getFloatBuffer();
                out = new float[fb.remaining()];
                fb.get(out);
            }
        } catch (OrtException e) {
            throw new ModelException("cannot feed " + model.file().getFileName() + ": " + e.getMessage(), e);
        }
        List<YoloDecoder.Result> results = decoder.decode(out, shape, lb);
        long t3 = System.nanoTime();
        last = new StageTimes(t1 - t0, t2 - t1, t3 - t2);
        return results;
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
    public StageTimes lastTimes() { return last; }

    @Override
    public void close() {
        model.close();
    }
}
