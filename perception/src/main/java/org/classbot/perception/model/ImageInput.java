package org.classbot.perception.model;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import org.classbot.perception.image.SquareInput;

/**
 * The image input of a model as its file declares it: square side, NHWC or NCHW, int32 or
 * float32 (values 0..255, no normalisation, as MoveNet and CenterNet take them). Anything else is
 * refused with a message that shows the declared shape.
 */
record ImageInput(String name, int size, boolean nchw, OnnxJavaType type) {

    /** The image input, or empty when the model has none this code knows. */
    static java.util.Optional<ImageInput> find(OnnxModel model) {
        try {
            return java.util.Optional.of(of(model, "runner"));
        } catch (ModelException e) {
            return java.util.Optional.empty();
        }
    }

    static ImageInput of(OnnxModel model, String runner) {
        if (model.inputs().size() != 1) {
            throw new ModelException(runner + " expects a model with one image input; " + model.describe());
        }
        OnnxModel.TensorSpec in = model.inputs().get(0);
        long[] s = in.shape();
        boolean typeOk = in.type() == OnnxJavaType.INT32 || in.type() == OnnxJavaType.FLOAT;
        if (s.length != 4 || !typeOk || (s[0] != 1 && s[0] != -1)) {
            throw new ModelException(runner + " expects an image input [1,N,N,3] or [1,3,N,N] of int32 or float32, but "
                    + model.file().getFileName() + " declares " + in + " (unknown layout)");
        }
        if (s[3] == 3 && s[1] == s[2] && s[1] > 0) {
            return new ImageInput(in.name(), (int) s[1], false, in.type());
        }
        if (s[1] == 3 && s[2] == s[3] && s[2] > 0) {
            return new ImageInput(in.name(), (int) s[2], true, in.type());
        }
        throw new ModelException(runner + " expects a fixed square image input [1,N,N,3] or [1,3,N,N], but "
                + model.file().getFileName() + " declares " + Arrays.toString(s) + " (unknown layout)");
    }

    /** Packs the square's RGB bytes into the tensor this input wants. */
    OnnxTensor tensor(OrtEnvironment env, SquareInput sq) {
        if (sq.size() != size) {
            throw new IllegalArgumentException("input is " + sq.size() + " px, the model wants " + size);
        }
        byte[] rgb = sq.rgb();
        int plane = size * size;
        long[] shape = nchw ? new long[]{1, 3, size, size} : new long[]{1, size, size, 3};
        try {
            // HWC bytes to NHWC (same order) or NCHW (channel planes); values 0..255, no normalisation
            if (type == OnnxJavaType.INT32) {
                int[] v = new int[rgb.length];
                for (int i = 0; i < rgb.length; i++) {
                    v[nchw ? (i % 3) * plane + i / 3 : i] = rgb[i] & 0xff;
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(v), shape);
            }
            float[] v = new float[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                v[nchw ? (i % 3) * plane + i / 3 : i] = rgb[i] & 0xff;
            }
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
        } catch (OrtException e) {
            throw new ModelException("cannot create the input tensor: " + e.getMessage(), e);
        }
    }
}
