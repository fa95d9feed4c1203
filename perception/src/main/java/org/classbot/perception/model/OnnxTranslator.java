package org.classbot.perception.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * The model-specific halves of one ONNX call, as DJL's {@code Translator}: {@link #pre} turns the
 * input {@code I} into the tensors to feed plus the geometry {@code G} needed to map results back
 * (a {@code SquareInput}, a {@code Letterbox}), {@link #post} decodes the session's outputs into
 * {@code O}. Running, timing and closing tensors is {@link OnnxPredictor}'s job, the same for
 * every model (MoveNet, CenterNet, YOLO).
 */
public interface OnnxTranslator<I, G, O> {

    /** Crop, resize, pack: the feed and its geometry. The predictor closes the feed's tensors. */
    Prepared<G> pre(OrtEnvironment env, I input);

    /** Decodes the outputs (still open; the predictor closes them afterwards). */
    O post(OrtSession.Result result, G geometry);
}
