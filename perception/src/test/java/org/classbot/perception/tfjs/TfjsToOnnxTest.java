package org.classbot.perception.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.perception.model.OnnxModel;

/** The converter on small graphs written here, run in the real ONNX Runtime. */
class TfjsToOnnxTest {

    @TempDir
    Path tmp;

    private static final String NHWC = "\"data_format\":{\"s\":\"TkhXQw==\"}"; // base64("NHWC")
    private static final String SAME = "\"padding\":{\"s\":\"U0FNRQ==\"}";     // base64("SAME")

    @Test
    void should_support_exactly_the_ops_its_handler_registry_holds() {
        // the hand-kept UNARY/BINARY/OTHER sets before the registry, so no op was lost in the split
        assertThat(TfjsToOnnx.SUPPORTED_OPS).containsExactlyInAnyOrder(
                "Relu", "Relu6", "Sigmoid", "Sqrt", "Rsqrt", "Tanh", "Exp", "Log", "Neg", "Abs", "Floor", "Ceil",
                "Square", "Reciprocal", "Cast", "LeakyRelu", "Elu",
                "Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "Pow", "Equal", "NotEqual", "Greater",
                "GreaterEqual", "Less", "LessEqual", "SquaredDifference", "FloorDiv", "FloorMod", "BiasAdd",
                "LogicalAnd", "LogicalOr",
                "Placeholder", "Const", "Identity", "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative",
                "FusedDepthwiseConv2dNative", "MaxPool", "AvgPool", "ResizeBilinear", "ExpandDims", "Squeeze",
                "Reshape", "ConcatV2", "Pack", "Unpack", "Mean", "Sum", "Max", "ArgMax", "TopKV2", "GatherNd",
                "GatherV2", "StridedSlice", "Shape", "Softmax", "SelectV2", "AddN");
        assertThat(OpRegistry.create(null, null)).containsOnlyKeys(TfjsToOnnx.SUPPORTED_OPS);
    }

    @Test
    void should_name_every_unsupported_op_and_a_node_using_it() {
        String json = model("""
                {"name":"x","op":"Placeholder","attr":{"dtype":{"type":"DT_FLOAT"},"shape":{"shape":{"dim":[{"size":"1"}]}}}},
                {"name":"a","op":"Erfinv","input":["x"]},
                {"name":"b","op":"Cumprod","input":["a"]}""", "b", "[]");
        TfjsModel m = TfjsModel.read(json.getBytes(StandardCharsets.UTF_8), p -> new byte[0]);
        assertThat(TfjsToOnnx.unsupportedOps(m)).containsOnlyKeys("Erfinv", "Cumprod");
        assertThatThrownBy(() -> TfjsToOnnx.convert(m, Map.of()))
                .isInstanceOf(TfjsConversionException.class)
                .hasMessageContaining("unsupported ops")
                .hasMessageContaining("Erfinv (1 node 'a')")
                .hasMessageContaining("Cumprod (1 node 'b')");
    }

    @Test
    void should_refuse_a_layers_model_clearly() {
        assertThatThrownBy(() -> TfjsModel.read("{\"format\":\"layers-model\",\"modelTopology\":{}}".getBytes(StandardCharsets.UTF_8), p -> new byte[0]))
                .hasMessageContaining("only TF.js graph models");
    }

    @Test
    void should_floor_integer_division_and_modulo_like_tensorflow() throws Exception {
        String json = model("""
                {"name":"x","op":"Placeholder","attr":{"dtype":{"type":"DT_INT32"},"shape":{"shape":{"dim":[{"size":"4"}]}}}},
                {"name":"two","op":"Const","attr":{"dtype":{"type":"DT_INT32"}}},
                {"name":"q","op":"FloorDiv","input":["x","two"],"attr":{"T":{"type":"DT_INT32"}}},
                {"name":"r","op":"FloorMod","input":["x","two"],"attr":{"T":{"type":"DT_INT32"}}},
                {"name":"out","op":"Pack","input":["q","r"],"attr":{"axis":{"i":"0"},"N":{"i":"2"}}}""",
                "out", "[{\"name\":\"two\",\"shape\":[],\"dtype\":\"int32\"}]");
        byte[] bin = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(2).array();
        try (OnnxModel m = convertAndLoad(json, bin);
             OnnxTensor x = OnnxTensor.createTensor(m.environment(), IntBuffer.wrap(new int[]{-7, -1, 0, 7}), new long[]{4});
             OrtSession.Result r = m.run(Map.of("x", x))) {
            int[][] out = (int[][]) r.get(0).getValue();
            assertThat(out[0]).containsExactly(-4, -1, 0, 3);
            assertThat(out[1]).containsExactly(1, 1, 0, 1);
        }
    }

    @Test
    void should_pad_like_tensorflow_same_with_stride_two_on_an_even_input() throws Exception {
        // 1x4x4x1 input, 3x3 kernel of ones, stride 2, SAME: TF pads 0 before and 1 after
        String json = model("""
                {"name":"x","op":"Placeholder","attr":{"dtype":{"type":"DT_FLOAT"},"shape":{"shape":{"dim":[{"size":"1"},{"size":"4"},{"size":"4"},{"size":"1"}]}}}},
                {"name":"w","op":"Const","attr":{"dtype":{"type":"DT_FLOAT"}}},
                {"name":"y","op":"Conv2D","input":["x","w"],"attr":{"strides":{"list":{"i":["1","2","2","1"]}},%s,%s}}"""
                .formatted(NHWC, SAME), "y", "[{\"name\":\"w\",\"shape\":[3,3,1,1],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"float16\",\"original_dtype\":\"float32\"}}]");
        ByteBuffer w = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 9; i++) {
            w.putShort((short) 0x3c00); // float16 1.0
        }
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i;
        }
        try (OnnxModel m = convertAndLoad(json, w.array());
             OnnxTensor in = OnnxTensor.createTensor(m.environment(), FloatBuffer.wrap(x), new long[]{1, 4, 4, 1});
             OrtSession.Result r = m.run(Map.of("x", in))) {
            float[][][][] y = (float[][][][]) r.get(0).getValue();
            // output (0,0): rows 0..2, cols 0..2; output (1,1): rows 2..3, cols 2..3 (row/col 4 is padding)
            assertThat(y[0][0][0][0]).isEqualTo(0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10);
            assertThat(y[0][1][1][0]).isEqualTo(10 + 11 + 14 + 15);
            assertThat(y[0][0][1][0]).isEqualTo(2 + 3 + 6 + 7 + 10 + 11);
        }
    }

    @Test
    void should_resize_bilinear_with_tf_half_pixel_and_legacy_coordinates() throws Exception {
        String json = """
                {"format":"graph-model","modelTopology":{"node":[
                {"name":"x","op":"Placeholder","attr":{"dtype":{"type":"DT_FLOAT"},"shape":{"shape":{"dim":[{"size":"1"},{"size":"1"},{"size":"2"},{"size":"1"}]}}}},
                {"name":"size","op":"Const","attr":{"dtype":{"type":"DT_INT32"}}},
                {"name":"half","op":"ResizeBilinear","input":["x","size"],"attr":{"half_pixel_centers":{"b":true},"align_corners":{"b":false}}},
                {"name":"legacy","op":"ResizeBilinear","input":["x","size"],"attr":{"half_pixel_centers":{"b":false},"align_corners":{"b":false}}}]},
                 "signature":{"outputs":{"half:0":{"name":"half"},"legacy:0":{"name":"legacy"}}},
                 "weightsManifest":[{"paths":["w.bin"],"weights":[{"name":"size","shape":[2],"dtype":"int32"}]}]}""";
        byte[] bin = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(4).array();
        try (OnnxModel m = convertAndLoad(json, bin);
             OnnxTensor x = OnnxTensor.createTensor(m.environment(), FloatBuffer.wrap(new float[]{0, 10}), new long[]{1, 1, 2, 1});
             OrtSession.Result r = m.run(Map.of("x", x))) {
            // TF: half-pixel source x = (o + 0.5) / 2 - 0.5, clamped at the edges; legacy: o / 2
            float[][][][] half = (float[][][][]) r.get("half:0").orElseThrow().getValue();
            float[][][][] legacy = (float[][][][]) r.get("legacy:0").orElseThrow().getValue();
            assertThat(new float[]{half[0][0][0][0], half[0][0][1][0], half[0][0][2][0], half[0][0][3][0]}).containsExactly(0f, 2.5f, 7.5f, 10f);
            assertThat(new float[]{legacy[0][0][0][0], legacy[0][0][1][0], legacy[0][0][2][0], legacy[0][0][3][0]}).containsExactly(0f, 5f, 10f, 10f);
        }
    }

    @Test
    void should_slice_with_masks_and_shrink_like_tensorflow() throws Exception {
        String json = """
                {"format":"graph-model","modelTopology":{"node":[
                {"name":"x","op":"Placeholder","attr":{"dtype":{"type":"DT_INT32"},"shape":{"shape":{"dim":[{"size":"2"},{"size":"3"}]}}}},
                {"name":"b","op":"Const","attr":{}}, {"name":"e","op":"Const","attr":{}}, {"name":"s","op":"Const","attr":{}},
                {"name":"b2","op":"Const","attr":{}}, {"name":"e2","op":"Const","attr":{}},
                {"name":"row","op":"StridedSlice","input":["x","b","e","s"],"attr":{"shrink_axis_mask":{"i":"1"}}},
                {"name":"tail","op":"StridedSlice","input":["x","b2","e2","s"],"attr":{"begin_mask":{"i":"1"},"end_mask":{"i":"3"}}}]},
                 "signature":{"outputs":{"row:0":{"name":"row"},"tail:0":{"name":"tail"}}},
                 "weightsManifest":[{"paths":["w.bin"],"weights":[
                   {"name":"b","shape":[2],"dtype":"int32"},{"name":"e","shape":[2],"dtype":"int32"},{"name":"s","shape":[2],"dtype":"int32"},
                   {"name":"b2","shape":[2],"dtype":"int32"},{"name":"e2","shape":[2],"dtype":"int32"}]}]}""";
        ByteBuffer bin = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : new int[]{1, 0, 2, 2, 1, 1, 0, 1, 0, 0}) {
            bin.putInt(v);
        }
        try (OnnxModel m = convertAndLoad(json, bin.array());
             OnnxTensor x = OnnxTensor.createTensor(m.environment(), IntBuffer.wrap(new int[]{1, 2, 3, 4, 5, 6}), new long[]{2, 3});
             OrtSession.Result r = m.run(Map.of("x", x))) {
            assertThat((int[]) r.get("row:0").orElseThrow().getValue()).containsExactly(4, 5);          // x[1, 0:2]
            int[][] tail = (int[][]) r.get("tail:0").orElseThrow().getValue();                        // x[:, 1:]
            assertThat(tail[0]).containsExactly(2, 3);
            assertThat(tail[1]).containsExactly(5, 6);
        }
    }

    @Test
    void should_widen_float16_exactly() {
        assertThat(Float16.toFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(Float16.toFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(Float16.toFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(Float16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Float16.toFloat((short) 0x3555)).isCloseTo(0.33325195f, within(0f));
        assertThat(Float16.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat((short) 0x8000)).isEqualTo(-0.0f);
    }

    private OnnxModel convertAndLoad(String json, byte[] bin) throws Exception {
        TfjsModel m = TfjsModel.read(json.getBytes(StandardCharsets.UTF_8), p -> bin);
        Path file = tmp.resolve("m.onnx");
        Files.write(file, TfjsToOnnx.convert(m, Map.of()).toByteArray());
        return OnnxModel.load(file);
    }

    private static String model(String nodes, String output, String weights) {
        return """
                {"format":"graph-model","generatedBy":"test","modelTopology":{"node":[%s]},
                 "signature":{"outputs":{"%s":{"name":"%s"}}},
                 "weightsManifest":[{"paths":["w.bin"],"weights":%s}]}""".formatted(nodes, output, output, weights);
    }
}
