package org.classbot.perception.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import org.classbot.perception.tfjs.TfjsModel.DType;

/**
 * The ONNX graph being written (opset {@value TfjsToOnnx#OPSET}): nodes with unique names, fresh
 * tensor names, initializers written once per constant ({@code scalar}, {@code longs}), attributes,
 * and the proto helpers ({@code tensor}, {@code valueInfo}, {@code onnxType}). Knows nothing of TF.
 */
final class GraphBuilder {

    final GraphProto.Builder graph = GraphProto.newBuilder();
    final Set<String> usedNames = new HashSet<>();
    /** Initializer names by what they hold (a TF constant's name, a scalar, an int64 list). */
    final Map<String, String> constNames = new HashMap<>();
    private final Set<String> nodeNames = new HashSet<>();
    private int counter;

    String scalar(float v) {
        String key = "__scalar_f" + v;
        return constNames.computeIfAbsent(key, k -> {
            String name = uniqueName(k);
            graph.addInitializer(tensor(name, DType.FLOAT32, new long[0], new float[]{v}));
            return name;
        });
    }

    String longs(long... values) {
        return longs(values, new long[]{values.length});
    }

    String longs(long[] values, long[] shape) {
        String key = "__i64" + Arrays.toString(shape) + Arrays.toString(values);
        return constNames.computeIfAbsent(key, k -> {
            String name = uniqueName("const_i64_" + counter++);
            graph.addInitializer(tensor(name, DType.INT64, shape, values));
            return name;
        });
    }

    static TensorProto tensor(String name, DType dt, long[] shape, Object data) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(onnxType(dt));
        for (long d : shape) {
            t.addDims(d);
        }
        ByteBuffer buf;
        if (data instanceof float[] f) {
            buf = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(f);
        } else if (data instanceof int[] a) {
            buf = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asIntBuffer().put(a);
        } else if (data instanceof long[] a) {
            buf = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asLongBuffer().put(a);
        } else if (data instanceof boolean[] b) {
            buf = ByteBuffer.allocate(b.length);
            for (boolean v : b) {
                buf.put((byte) (v ? 1 : 0));
            }
            buf.flip();
        } else {
            throw new TfjsConversionException("cannot store tensor '" + name + "' of " + data.getClass().getSimpleName());
        }
        return t.setRawData(ByteString.copyFrom(buf.array())).build();
    }

    static int onnxType(DType dt) {
        return switch (dt) {
            case FLOAT32 -> TensorProto.DataType.FLOAT_VALUE;
            case INT32 -> TensorProto.DataType.INT32_VALUE;
            case INT64 -> TensorProto.DataType.INT64_VALUE;
            case BOOL -> TensorProto.DataType.BOOL_VALUE;
            case DOUBLE -> TensorProto.DataType.DOUBLE_VALUE;
        };
    }

    static ValueInfoProto valueInfo(String name, DType dt, long[] shape) {
        TypeProto.Tensor.Builder tt = TypeProto.Tensor.newBuilder().setElemType(onnxType(dt));
        if (shape != null) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            for (long d : shape) {
                s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("?")
                        : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            tt.setShape(s);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tt)).build();
    }

    String add(String op, String name, List<String> inputs, String output) {
        node(op, name, inputs, output);
        return output;
    }

    NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        NodeProto.Builder b = graph.addNodeBuilder().setOpType(op).setName(uniqueNode(name));
        inputs.forEach(b::addInput);
        b.addOutput(output);
        return b;
    }

    String uniqueNode(String base) {
        String n = base;
        while (!nodeNames.add(n)) {
            n = base + "_" + counter++;
        }
        return n;
    }

    /** A tensor name not used yet, {@code base} itself when free. */
    String fresh(String base) {
        return uniqueName(base);
    }

    String uniqueName(String base) {
        String n = base;
        while (usedNames.contains(n)) {
            n = base + "_" + counter++;
        }
        usedNames.add(n);
        return n;
    }

    static void attr(NodeProto.Builder b, String name, long v) {
        b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v));
    }

    static void attr(NodeProto.Builder b, String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        b.addAttribute(a);
    }

    static void attr(NodeProto.Builder b, String name, float v) {
        b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v));
    }

    static void attr(NodeProto.Builder b, String name, String v) {
        b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)));
    }
}
