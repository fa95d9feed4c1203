package org.classbot.perception.yolo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

/**
 * Writes a tiny ONNX model whose output is a known constant tensor, with an image input
 * {@code [1,3,H,W]} that is multiplied by zero and added so the graph really consumes it —
 * ONNX Runtime runs it like a real YOLO export, and the test knows the exact output.
 */
public final class TinyOnnx {

    private TinyOnnx() {
    }

    public static Path write(Path file, int inH, int inW, long[] outShape, float[] values, Map<String, String> metadata)
            throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        OnnxMl.TensorProto constant = OnnxMl.TensorProto.newBuilder()
                .setName("known").setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .addAllDims(java.util.Arrays.stream(outShape).boxed().toList())
                .setRawData(ByteString.copyFrom(raw.array())).build();
        OnnxMl.TensorProto zero = OnnxMl.TensorProto.newBuilder()
                .setName("zero").setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .addFloatData(0f).build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("tiny-yolo")
                .addInitializer(constant).addInitializer(zero)
                .addNode(node("ReduceSum", "images", "sum", OnnxMl.AttributeProto.newBuilder().setName("keepdims")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(0).build()))
                .addNode(node("Mul", "sum", "nothing", null, "zero"))
                .addNode(node("Add", "known", "output0", null, "nothing"))
                .addInput(value("images", inH, inW))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("output0").setType(type(outShape)).build())
                .build();
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .setProducerName("classbot-test").setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13).build());
        metadata.forEach((k, v) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v).build()));
        Files.write(file, model.build().toByteArray());
        return file;
    }

    private static OnnxMl.NodeProto node(String op, String in, String out, OnnxMl.AttributeProto attr, String... more) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(op).addInput(in).addOutput(out);
        for (String m : more) {
            b.addInput(m);
        }
        if (attr != null) {
            b.addAttribute(attr);
        }
        return b.build();
    }

    private static OnnxMl.ValueInfoProto value(String name, int h, int w) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type(new long[] {1, 3, h, w})).build();
    }

    private static OnnxMl.TypeProto type(long[] shape) {
        OnnxMl.TensorShapeProto.Builder s = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d).build());
        }
        return OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(s).build()).build();
    }
}
