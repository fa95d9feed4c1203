package org.classbot.perception.model;

import ai.onnxruntime.OnnxTensor;

import org.classbot.perception.image.SquareInput;

/**
 * The output of a runner's pre-processing step: the square crop it made (for mapping results back
 * to frame pixels) and the input tensor for the session. Close it to free the tensor.
 */
public record Prepared(SquareInput square, OnnxTensor tensor) implements AutoCloseable {

    @Override
    public void close() {
        tensor.close();
    }
}
