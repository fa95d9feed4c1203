package org.classbot.perception.tfjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.NodeProto;

import org.classbot.perception.tfjs.Layouts.Val;
import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;
import org.classbot.perception.tfjs.TfjsModel.Tensor;

import static org.classbot.perception.tfjs.GraphBuilder.attr;
import static org.classbot.perception.tfjs.GraphBuilder.tensor;
import static org.classbot.perception.tfjs.Layouts.ref;

/**
 * Convolutions (plain, fused with bias and activation, depthwise), pools and bilinear resizes: the
 * layout-sensitive ops, which read the NCHW view of their input and leave an NCHW result.
 */
final class ConvOps extends OpFamily {

    ConvOps(GraphBuilder g, Layouts l) {
        super(g, l);
    }

    @Override
    void register(Map<String, OpHandler> r) {
        register(r, this::conv, "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative");
        register(r, this::pool, "MaxPool", "AvgPool");
        register(r, this::resize, "ResizeBilinear");
    }

    private void conv(Node n) {
        String format = n.attrString("data_format");
        if (format != null && !"NHWC".equals(format)) {
            throw new TfjsConversionException("data_format " + format + " is not supported (only NHWC)");
        }
        boolean depthwise = n.op().contains("Depthwise");
        Tensor w = constOf(n, 1);
        long[] s = w.shape();
        if (s.length != 4) {
            throw new TfjsConversionException("filter '" + w.name() + "' has rank " + s.length + ", expected 4 (HWIO)");
        }
        int kh = (int) s[0], kw = (int) s[1], cin = (int) s[2], cm = (int) s[3];
        float[] src = w.floats();
        float[] dst = new float[src.length];
        long[] oshape;
        if (depthwise) {
            // TF [H,W,C,M] -> ONNX [C*M,1,H,W], group C; output channel c*M+m as in TF
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < cin; c++) {
                        for (int m = 0; m < cm; m++) {
                            dst[((c * cm + m) * kh + y) * kw + x] = src[((y * kw + x) * cin + c) * cm + m];
                        }
                    }
                }
            }
            oshape = new long[]{(long) cin * cm, 1, kh, kw};
        } else {
            // TF [H,W,I,O] -> ONNX [O,I,H,W]
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int i = 0; i < cin; i++) {
                        for (int o = 0; o < cm; o++) {
                            dst[((o * cin + i) * kh + y) * kw + x] = src[((y * kw + x) * cin + i) * cm + o];
                        }
                    }
                }
            }
            oshape = new long[]{cm, cin, kh, kw};
        }
        String wName = uniqueName(w.name() + (depthwise ? "__oihw_dw" : "__oihw"));
        graph.addInitializer(tensor(wName, DType.FLOAT32, oshape, dst));

        List<String> fused = n.attrStrings("fused_ops");
        List<String> ins = new ArrayList<>(List.of(nchw(ref(n.inputs().get(0))), wName));
        int extra = n.inputs().size() - 2;
        String activation = null;
        if (!fused.isEmpty()) {
            if (!"BiasAdd".equals(fused.get(0)) || fused.size() > 2 || extra != 1) {
                throw new TfjsConversionException("fused ops " + fused + " with " + extra + " extra inputs are not supported (only BiasAdd[, Relu|Relu6|LeakyRelu|Elu|Sigmoid|Tanh])");
            }
            ins.add(constant(ref(n.inputs().get(2))));
            if (fused.size() == 2) {
                activation = fused.get(1);
                if (!Set.of("Relu", "Relu6", "LeakyRelu", "Elu", "Sigmoid", "Tanh").contains(activation)) {
                    throw new TfjsConversionException("fused activation " + activation + " is not supported");
                }
            }
        } else if (extra != 0) {
            throw new TfjsConversionException("convolution with " + extra + " extra inputs and no fused_ops");
        }
        String convOut = activation == null ? fresh(n.name()) : fresh(n.name() + "/conv");
        NodeProto.Builder b = node("Conv", n.name() + (activation == null ? "" : "/conv"), ins, convOut);
        long[] strides = n.attrInts("strides");
        long[] dil = n.attrInts("dilations");
        attr(b, "kernel_shape", kh, kw);
        attr(b, "strides", strides.length == 4 ? strides[1] : 1, strides.length == 4 ? strides[2] : 1);
        attr(b, "dilations", dil.length == 4 ? dil[1] : 1, dil.length == 4 ? dil[2] : 1);
        if (depthwise) {
            attr(b, "group", cin);
        }
        padding(n, b);
        String y = convOut;
        if (activation != null) {
            y = fresh(n.name());
            switch (activation) {
                case "Relu6" -> add("Clip", n.name(), List.of(convOut, scalar(0f), scalar(6f)), y);
                case "LeakyRelu" -> attr(node("LeakyRelu", n.name(), List.of(convOut), y), "alpha", n.attrFloat("leakyrelu_alpha", 0.2f));
                default -> add(activation, n.name(), List.of(convOut), y);
            }
        }
        vals.put(n.name(), new Val(null, y, DType.FLOAT32));
    }

    private void padding(Node n, NodeProto.Builder b) {
        String padding = n.attrString("padding");
        switch (padding == null ? "VALID" : padding) {
            case "SAME" -> attr(b, "auto_pad", "SAME_UPPER"); // TF SAME: the odd pixel of padding goes at the end
            case "VALID" -> attr(b, "pads", 0, 0, 0, 0);
            case "EXPLICIT" -> {
                long[] p = n.attrInts("explicit_paddings"); // NHWC pairs: [0,0, top,bottom, left,right, 0,0]
                attr(b, "pads", p[2], p[4], p[3], p[5]);
            }
            default -> throw new TfjsConversionException("padding " + padding + " is not supported");
        }
    }

    private void pool(Node n) {
        String format = n.attrString("data_format");
        if (format != null && !"NHWC".equals(format)) {
            throw new TfjsConversionException("data_format " + format + " is not supported (only NHWC)");
        }
        long[] k = n.attrInts("ksize");
        long[] st = n.attrInts("strides");
        String y = fresh(n.name());
        NodeProto.Builder b = node("MaxPool".equals(n.op()) ? "MaxPool" : "AveragePool", n.name(),
                List.of(nchw(ref(n.inputs().get(0)))), y);
        attr(b, "kernel_shape", k[1], k[2]);
        attr(b, "strides", st[1], st[2]);
        padding(n, b);
        if ("AvgPool".equals(n.op())) {
            attr(b, "count_include_pad", 0); // TF averages over the valid pixels only
        }
        vals.put(n.name(), new Val(null, y, dtypeIn(n, 0)));
    }

    private void resize(Node n) {
        long[] size = constOf(n, 1).longs();
        if (size.length != 2) {
            throw new TfjsConversionException("size must hold 2 values [height, width], got " + size.length);
        }
        String x = nchw(ref(n.inputs().get(0)));
        // sizes = shape(x)[0:2] ++ [h, w], computed at run time so that N and C need not be known here
        String shape = add("Shape", n.name() + "/shape", List.of(x), fresh(n.name() + "/shape"));
        String nc = add("Slice", n.name() + "/nc", List.of(shape, longs(0), longs(2)), fresh(n.name() + "/nc"));
        String sizes = fresh(n.name() + "/sizes");
        attr(node("Concat", n.name() + "/sizes", List.of(nc, longs(size)), sizes), "axis", 0);
        boolean alignCorners = n.attrBool("align_corners", false);
        boolean halfPixel = n.attrBool("half_pixel_centers", false);
        String y = fresh(n.name());
        NodeProto.Builder b = node("Resize", n.name(), List.of(x, "", "", sizes), y);
        attr(b, "mode", "linear");
        attr(b, "coordinate_transformation_mode", alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric");
        vals.put(n.name(), new Val(null, y, DType.FLOAT32));
    }

}
