package org.classbot.perception;

import java.util.List;

/**
 * A human-pose model. {@link #estimate(Frame, Box)} looks only at {@code region} (a crop of the
 * frame, in frame pixels, may be clipped by the implementation) and returns poses with keypoints
 * in <b>frame</b> pixels (not crop pixels). A single-pose model (MoveNet lightning/thunder)
 * returns exactly one pose per call; a multi-pose model (YOLO-pose) may return several.
 * Not thread-safe unless stated; {@link #close()} releases the ONNX session.
 */
public interface PoseEstimator extends AutoCloseable {

    List<PoseEstimate> estimate(Frame frame, Box region);

    /** The whole frame. */
    default List<PoseEstimate> estimate(Frame frame) {
        return estimate(frame, frame.bounds());
    }

    /** True when the model finds one person per call (so the pipeline crops around each person). */
    default boolean singlePose() {
        return true;
    }

    /**
     * Time split of the last {@code estimate} call (preprocess / session.run / postprocess);
     * {@link StageTimes#NONE} when the implementation does not measure it.
     */
    default StageTimes lastTimes() {
        return StageTimes.NONE;
    }

    @Override
    default void close() {
    }
}
