package org.classbot.perception;

import java.util.List;

/**
 * An object detector: one frame in, detections in original image pixels out, sorted by score
 * descending, after the model's own thresholding / NMS. Implementations: YOLO
 * ({@code org.classbot.perception.yolo}), CenterNet ({@code org.classbot.perception.model}).
 * Not thread-safe unless stated; {@link #close()} releases the ONNX session.
 */
public interface Detector extends AutoCloseable {

    List<Detection> detect(Frame frame);

    /**
     * Time split of the last {@code detect} call (preprocess / session.run / postprocess);
     * {@link StageTimes#NONE} when the implementation does not measure it.
     */
    default StageTimes lastTimes() {
        return StageTimes.NONE;
    }

    @Override
    default void close() {
    }
}
