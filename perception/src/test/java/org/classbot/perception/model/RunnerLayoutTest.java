package org.classbot.perception.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runners read shapes from the model and refuse layouts they do not know, saying what they found. */
class RunnerLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void should_refuse_a_model_whose_input_is_not_an_image() throws Exception {
        try (OnnxModel m = OnnxModel.load(identity(new long[]{1, 10}, new long[]{1, 10}, TensorProto.DataType.FLOAT_VALUE))) {
            assertThat(MoveNet.accepts(m)).isFalse();
            assertThatThrownBy(() -> new MoveNet(m)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("MoveNet expects an image input").hasMessageContaining("[1, 10]").hasMessageContaining("unknown layout");
        }
    }

    @Test
    void should_refuse_a_pose_model_without_the_single_pose_output() throws Exception {
        // an image in, [1,192,192,3] out: right input, wrong output
        try (OnnxModel m = OnnxModel.load(identity(new long[]{1, 192, 192, 3}, new long[]{1, 192, 192, 3}, TensorProto.DataType.INT32_VALUE))) {
            assertThatThrownBy(() -> new MoveNet(m)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("[1,1,17,3]");
            assertThatThrownBy(() -> CenterNet.builder(m).build()).isInstanceOf(ModelException.class)
                    .hasMessageContaining("[1,K,6]");
        }
    }

    @Test
    void should_read_the_input_side_and_nchw_layout_from_the_model() throws Exception {
        try (OnnxModel m = OnnxModel.load(identity(new long[]{1, 3, 256, 256}, new long[]{1, 3, 256, 256}, TensorProto.DataType.FLOAT_VALUE))) {
            ImageInput in = ImageInput.of(m, "test");
            assertThat(in.size()).isEqualTo(256);
            assertThat(in.nchw()).isTrue();
        }
    }

    @Test
    void should_refuse_a_non_square_image_input() throws Exception {
        try (OnnxModel m = OnnxModel.load(identity(new long[]{1, 480, 640, 3}, new long[]{1, 480, 640, 3}, TensorProto.DataType.FLOAT_VALUE))) {
            assertThatThrownBy(() -> ImageInput.of(m, "CenterNet")).hasMessageContaining("square")
                    .hasMessageContaining("[1, 480, 640, 3]");
        }
    }

    @Test
    void should_pack_channel_planes_for_an_nchw_model() throws Exception {
        try (OnnxModel m = OnnxModel.load(identity(new long[]{1, 3, 2, 2}, new long[]{1, 3, 2, 2}, TensorProto.DataType.FLOAT_VALUE))) {
            ImageInput in = ImageInput.of(m, "test");
            byte[] rgb = new byte[12];
            for (int i = 0; i < 12; i++) {
                rgb[i] = (byte) (10 * i + 5);
            }
            try (ai.onnxruntime.OnnxTensor t = in.tensor(m.environment(), new org.classbot.perception.image.SquareInput(rgb, 2, 2, 0, 0));
                 ai.onnxruntime.OrtSession.Result r = m.run(java.util.Map.of("x", t))) {
                float[][][][] out = (float[][][][]) r.get(0).getValue();
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 2; x++) {
                        for (int c = 0; c < 3; c++) {
                            assertThat(out[0][c][y][x]).isEqualTo(rgb[(y * 2 + x) * 3 + c] & 0xff);
                        }
                    }
                }
            }
        }
    }

    /** A one-node model (Identity) with the given input and output shapes. */
    private Path identity(long[] in, long[] out, int type) throws Exception {
        GraphProto g = GraphProto.newBuilder().setName("t")
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
                .addInput(info("x", in, type)).addOutput(info("y", out, type)).build();
        ModelProto m = ModelProto.newBuilder().setIrVersion(7).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build();
        Path p = tmp.resolve("m" + System.nanoTime() + ".onnx");
        Files.write(p, m.toByteArray());
        return p;
    }

    private static ValueInfoProto info(String name, long[] shape, int type) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
    }
}
