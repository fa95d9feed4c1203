package org.classbot.perception.model;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;

/**
 * The output of a translator's pre-processing step: what the session is fed (input name to tensor)
 * and the geometry of the model input (the square crop or letterbox it made, for mapping results
 * back to frame pixels). Close it to free the tensors.
 */
public record Prepared<G>(G geometry, Map<String, OnnxTensor> feed) implements AutoCloseable {

    public Prepared {
        feed = Map.copyOf(feed);
    }

    /** One input tensor. */
    public static <G> Prepared<G> of(G geometry, String input, OnnxTensor tensor) {
        return new Prepared<>(geometry, Map.of(input, tensor));
    }

    @Override
    public void close() {
        feed.values().forEach(OnnxTensor::close);
    }
}
