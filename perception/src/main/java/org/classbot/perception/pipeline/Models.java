package org.classbot.perception.pipeline;

import java.nio.file.Path;

import org.classbot.perception.Detector;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.model.CenterNet;
import org.classbot.perception.model.ModelException;
import org.classbot.perception.model.MoveNet;
import org.classbot.perception.model.OnnxModel;
import org.classbot.perception.yolo.YoloModel;

/**
 * Opens a model file as what its inputs and outputs say it is — CenterNet ({@code [1,K,6]}),
 * MoveNet single-pose ({@code [1,1,17,3]}) or an Ultralytics YOLO detect/pose export — and fails with
 * the shapes found when it is none of them.
 */
public final class Models {

    private Models() {
    }

    /** A detector: CenterNet or YOLO detect/pose (a YOLO pose model detects people). */
    public static Detector detector(Path file) {
        OnnxModel m = OnnxModel.load(file);
        try {
            if (CenterNet.accepts(m)) {
                return CenterNet.builder(m).build();
            }
            if (MoveNet.accepts(m)) {
                throw new ModelException(file.getFileName() + " is a MoveNet pose model, not a detector: use it with"
                        + " 'classbot pose' or 'classbot count', or give a detector such as centernet");
            }
            return new YoloModel(m, 0.25, 0.45, 100);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** A pose model: MoveNet single-pose or a YOLO pose export. */
    public static PoseEstimator poseEstimator(Path file) {
        OnnxModel m = OnnxModel.load(file);
        try {
            if (MoveNet.accepts(m)) {
                return new MoveNet(m);
            }
            if (CenterNet.accepts(m)) {
                throw new ModelException(file.getFileName() + " is a CenterNet detector, not a pose model: give"
                        + " movenet-lightning, movenet-thunder or a YOLO pose export (yolov8n-pose.onnx)");
            }
            YoloModel y = new YoloModel(m, 0.25, 0.45, 100);
            if (y.layout().kind() != org.classbot.perception.yolo.YoloLayout.Kind.POSE) {
                throw new ModelException(file.getFileName() + " is a YOLO detect model, not a pose model: give"
                        + " movenet-lightning or a YOLO pose export (yolov8n-pose.onnx)");
            }
            return y;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }
}
