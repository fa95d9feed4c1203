package org.classbot.perception.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;
import org.classbot.perception.tfjs.TfjsModel.Port;
import org.classbot.perception.tfjs.TfjsModel.Tensor;

/**
 * Converts a TF.js graph model into an ONNX model (opset 13) that ONNX Runtime runs.
 *
 * <p>Layout: TensorFlow tensors are NHWC, ONNX convolutions and pools are NCHW. Every tensor keeps
 * its TensorFlow meaning (NHWC), so reshapes, gathers, slices and arg-max work unchanged; the
 * layout-sensitive ops (convolutions, pools, resizes) read an NCHW view of their input. Each
 * tensor carries up to two ONNX names, one per layout, and a transpose is written only when a
 * consumer asks for the layout that does not exist yet; element-wise ops, per-channel constants,
 * channel concats and spatial means stay in NCHW when their inputs are. A chain of convolutions
 * therefore runs without transposes between them.
 *
 * <p>TF {@code SAME} padding is ONNX {@code auto_pad=SAME_UPPER} (the extra pixel goes at the end,
 * as in TF); {@code ResizeBilinear} maps to {@code Resize} linear with {@code half_pixel},
 * {@code align_corners} or {@code asymmetric} coordinates from its two flags. Weights stored as
 * float16 are widened to float32 when read, as TF.js does. An op outside {@link #SUPPORTED_OPS}
 * fails the whole conversion with a message naming it.
 */
public final class TfjsToOnnx {

    public static final int OPSET = 13;
    public static final String PRODUCER = "classbot-tfjs-to-onnx";

    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    private static final Set<String> UNARY = Set.of("Relu", "Relu6", "Sigmoid", "Sqrt", "Rsqrt", "Tanh", "Exp",
            "Log", "Neg", "Abs", "Floor", "Ceil", "Square", "Reciprocal", "Cast", "LeakyRelu", "Elu");
    private static final Set<String> BINARY = Set.of("Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum",
            "Pow", "Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual", "SquaredDifference",
            "FloorDiv", "FloorMod", "BiasAdd", "LogicalAnd", "LogicalOr");
    private static final Set<String> OTHER = Set.of("Placeholder", "Const", "Identity", "Conv2D", "_FusedConv2D",
            "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative", "MaxPool", "AvgPool", "ResizeBilinear",
            "ExpandDims", "Squeeze", "Reshape", "ConcatV2", "Pack", "Unpack", "Mean", "Sum", "Max", "ArgMax",
            "TopKV2", "GatherNd", "GatherV2", "StridedSlice", "Shape", "Softmax", "SelectV2", "AddN");

    /** Every TF op this converter maps. */
    public static final Set<String> SUPPORTED_OPS;

    static {
        Set<String> all = new TreeSet<>(UNARY);
        all.addAll(BINARY);
        all.addAll(OTHER);
        SUPPORTED_OPS = java.util.Collections.unmodifiableSet(all);
    }

    /** The tensor behind one TF output: its ONNX names in either layout, and its element type. */
    private static final class Val {
        String nhwc;
        String nchw;
        DType dtype;

        Val(String nhwc, String nchw, DType dtype) {
            this.nhwc = nhwc;
            this.nchw = nchw;
            this.dtype = dtype;
        }
    }

    private final TfjsModel model;
    private final Map<String, Node> byName = new HashMap<>();
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Val> vals = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<String, String> constNames = new HashMap<>();
    private int counter;

    private TfjsToOnnx(TfjsModel model) {
        this.model = model;
        for (Node n : model.nodes()) {
            byName.put(n.name(), n);
        }
    }

    /** Converts the model; {@code metadata} becomes the ONNX model's metadata_props (source, licence...). */
    public static ModelProto convert(TfjsModel model, Map<String, String> metadata) {
        return new TfjsToOnnx(model).run(metadata);
    }

    /** The ops of a model that {@link #convert} cannot map, with their node counts (empty when all are fine). */
    public static Map<String, Integer> unsupportedOps(TfjsModel model) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Node n : new TfjsToOnnx(model).reachable()) {
            if (!SUPPORTED_OPS.contains(n.op())) {
                out.merge(n.op(), 1, Integer::sum);
            }
        }
        return out;
    }

    private ModelProto run(Map<String, String> metadata) {
        List<Node> order = reachable();
        Map<String, List<String>> unsupported = new LinkedHashMap<>();
        for (Node n : order) {
            if (!SUPPORTED_OPS.contains(n.op())) {
                unsupported.computeIfAbsent(n.op(), k -> new ArrayList<>()).add(n.name());
            }
        }
        if (!unsupported.isEmpty()) {
            StringBuilder sb = new StringBuilder("cannot convert this TF.js graph: unsupported op");
            sb.append(unsupported.size() > 1 ? "s " : " ");
            unsupported.forEach((op, names) -> sb.append(op).append(" (").append(names.size())
                    .append(names.size() == 1 ? " node '" : " nodes, e.g. '").append(names.get(0)).append("') "));
            throw new TfjsConversionException(sb.toString().strip());
        }
        graph.setName(model.generatedBy().isEmpty() ? "tfjs-graph" : model.generatedBy());
        declareInputs();
        for (Node n : order) {
            try {
                emit(n);
            } catch (TfjsConversionException e) {
                throw e.getMessage().contains("'" + n.name() + "'") ? e
                        : new TfjsConversionException("node '" + n.name() + "' (" + n.op() + "): " + e.getMessage());
            }
        }
        declareOutputs();
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName(PRODUCER)
                .setProducerVersion("1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph);
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    // ---- graph walk ----

    private List<String> outputRefs() {
        List<String> refs = new ArrayList<>();
        if (!model.outputs().isEmpty()) {
            model.outputs().forEach(p -> refs.add(ref(p.tensor())));
            return refs;
        }
        // no signature: every node nobody consumes is an output
        Set<String> consumed = new HashSet<>();
        model.nodes().forEach(n -> n.inputs().forEach(i -> consumed.add(nodeOf(i))));
        model.nodes().stream().filter(n -> !consumed.contains(n.name()) && !"Const".equals(n.op()))
                .forEach(n -> refs.add(n.name()));
        return refs;
    }

    /** The nodes that the outputs depend on, inputs before their consumers. */
    private List<Node> reachable() {
        List<Node> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        for (String out : outputRefs()) {
            Deque<Object[]> stack = new ArrayDeque<>();
            String start = nodeOf(out);
            if (!byName.containsKey(start)) {
                throw new TfjsConversionException("signature output '" + out + "' names no node of the graph");
            }
            if (done.contains(start)) {
                continue;
            }
            stack.push(new Object[]{byName.get(start), 0});
            onStack.add(start);
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                Node n = (Node) top[0];
                int i = (int) top[1];
                if (i < n.inputs().size()) {
                    top[1] = i + 1;
                    String dep = nodeOf(n.inputs().get(i));
                    Node d = byName.get(dep);
                    if (d == null) {
                        throw new TfjsConversionException("node '" + n.name() + "' reads '" + dep + "', which is not in the graph");
                    }
                    if (!done.contains(dep)) {
                        if (!onStack.add(dep)) {
                            throw new TfjsConversionException("the graph has a cycle through '" + dep + "': control flow is not supported");
                        }
                        stack.push(new Object[]{d, 0});
                    }
                } else {
                    stack.pop();
                    onStack.remove(n.name());
                    done.add(n.name());
                    order.add(n);
                }
            }
        }
        return order;
    }

    private static String nodeOf(String ref) {
        int c = ref.lastIndexOf(':');
        return c > 0 && ref.substring(c + 1).chars().allMatch(Character::isDigit) ? ref.substring(0, c) : ref;
    }

    private static int outputIndex(String ref) {
        String n = nodeOf(ref);
        return n.length() == ref.length() ? 0 : Integer.parseInt(ref.substring(n.length() + 1));
    }

    /** Canonical tensor reference: {@code node} for output 0, {@code node:k} otherwise. */
    private static String ref(String s) {
        int k = outputIndex(s);
        return k == 0 ? nodeOf(s) : nodeOf(s) + ":" + k;
    }

    private void declareInputs() {
        // the signature's names are reserved so that no internal tensor takes them
        model.outputs().forEach(p -> usedNames.add(p.key()));
        Set<String> declared = new HashSet<>();
        for (Port p : model.inputs()) {
            String r = ref(p.tensor());
            Node n = byName.get(nodeOf(r));
            DType dt = p.dtype() != null ? p.dtype() : n == null ? DType.FLOAT32 : n.attrType("dtype");
            graph.addInput(valueInfo(p.key(), dt, p.shape()));
            usedNames.add(p.key());
            vals.put(r, new Val(p.key(), null, dt));
            declared.add(nodeOf(r));
        }
        for (Node n : model.nodes()) {
            if ("Placeholder".equals(n.op()) && !declared.contains(n.name())) {
                graph.addInput(valueInfo(n.name(), n.attrType("dtype"), dims(n)));
                usedNames.add(n.name());
                vals.put(n.name(), new Val(n.name(), null, n.attrType("dtype")));
            }
        }
    }

    private static long[] dims(Node n) {
        var d = n.attr().path("shape").path("shape").path("dim");
        long[] out = new long[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Long.parseLong(d.get(i).path("size").asText("-1"));
        }
        return out;
    }

    private void declareOutputs() {
        List<Port> ports = model.outputs();
        if (ports.isEmpty()) {
            for (String r : outputRefs()) {
                Val v = val(r);
                graph.addOutput(valueInfo(nhwc(r), v.dtype, null));
            }
            return;
        }
        for (Port p : ports) {
            String r = ref(p.tensor());
            String name = nhwc(r);
            if (!name.equals(p.key())) {
                add("Identity", p.key() + "/output", List.of(name), p.key());
            }
            graph.addOutput(valueInfo(p.key(), p.dtype() != null ? p.dtype() : val(r).dtype, p.shape()));
        }
    }

    // ---- per-op mapping ----

    private void emit(Node n) {
        String op = n.op();
        if ("Placeholder".equals(op) || "Const".equals(op)) {
            return;
        }
        if ("Identity".equals(op)) {
            String in = ref(n.inputs().get(0));
            if (isConst(in)) {
                return; // constOf follows Identity chains
            }
            vals.put(n.name(), val(in));
            return;
        }
        if (UNARY.contains(op)) {
            unary(n);
        } else if (BINARY.contains(op)) {
            binary(n);
        } else {
            switch (op) {
                case "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> conv(n);
                case "MaxPool", "AvgPool" -> pool(n);
                case "ResizeBilinear" -> resize(n);
                case "ExpandDims" -> out(n, add("Unsqueeze", n.name(), List.of(in(n, 0), longs(constOf(n, 1).longs())), fresh(n.name())), dtypeIn(n, 0));
                case "Squeeze" -> squeeze(n);
                case "Reshape" -> out(n, add("Reshape", n.name(), List.of(in(n, 0), asInt64(n, 1)), fresh(n.name())), dtypeIn(n, 0));
                case "ConcatV2" -> concat(n);
                case "Pack" -> pack(n);
                case "Unpack" -> unpack(n);
                case "Mean", "Sum", "Max" -> reduce(n);
                case "ArgMax" -> argMax(n);
                case "TopKV2" -> topK(n);
                case "GatherNd" -> out(n, add("GatherND", n.name(), List.of(in(n, 0), asInt64(n, 1)), fresh(n.name())), dtypeIn(n, 0));
                case "GatherV2" -> gather(n);
                case "StridedSlice" -> stridedSlice(n);
                case "Shape" -> {
                    String s = add("Shape", n.name() + "/shape", List.of(in(n, 0)), fresh(n.name() + "/i64"));
                    castTo(n, s, n.attrType("out_type") == null ? DType.INT32 : n.attrType("out_type"));
                }
                case "Softmax" -> {
                    String y = fresh(n.name());
                    attr(node("Softmax", n.name(), List.of(in(n, 0)), y), "axis", -1);
                    out(n, y, dtypeIn(n, 0));
                }
                case "SelectV2" -> out(n, add("Where", n.name(), List.of(in(n, 0), in(n, 1), in(n, 2)), fresh(n.name())), dtypeIn(n, 1));
                case "AddN" -> {
                    List<String> ins = new ArrayList<>();
                    for (int i = 0; i < n.inputs().size(); i++) {
                        ins.add(in(n, i));
                    }
                    out(n, add("Sum", n.name(), ins, fresh(n.name())), dtypeIn(n, 0));
                }
                default -> throw new TfjsConversionException("unsupported op " + op);
            }
        }
    }

    private void unary(Node n) {
        String x = ref(n.inputs().get(0));
        Val v = isConst(x) ? null : val(x);
        boolean nchw = v != null && v.nchw != null;
        String in = nchw ? v.nchw : nhwc(x);
        DType dt = dtypeIn(n, 0);
        String name = fresh(n.name());
        String y = switch (n.op()) {
            case "Relu" -> add("Relu", n.name(), List.of(in), name);
            case "Relu6" -> add("Clip", n.name(), List.of(in, scalar(0f), scalar(6f)), name);
            case "Sigmoid" -> add("Sigmoid", n.name(), List.of(in), name);
            case "Sqrt" -> add("Sqrt", n.name(), List.of(in), name);
            case "Rsqrt" -> add("Reciprocal", n.name(), List.of(add("Sqrt", n.name() + "/sqrt", List.of(in), fresh(n.name() + "/sqrt"))), name);
            case "Tanh" -> add("Tanh", n.name(), List.of(in), name);
            case "Exp" -> add("Exp", n.name(), List.of(in), name);
            case "Log" -> add("Log", n.name(), List.of(in), name);
            case "Neg" -> add("Neg", n.name(), List.of(in), name);
            case "Abs" -> add("Abs", n.name(), List.of(in), name);
            case "Floor" -> add("Floor", n.name(), List.of(in), name);
            case "Ceil" -> add("Ceil", n.name(), List.of(in), name);
            case "Square" -> add("Mul", n.name(), List.of(in, in), name);
            case "Reciprocal" -> add("Reciprocal", n.name(), List.of(in), name);
            case "Elu" -> add("Elu", n.name(), List.of(in), name);
            case "LeakyRelu" -> {
                NodeProto.Builder b = node("LeakyRelu", n.name(), List.of(in), name);
                attr(b, "alpha", n.attrFloat("alpha", 0.2f));
                yield name;
            }
            case "Cast" -> {
                dt = n.attrType("DstT");
                NodeProto.Builder b = node("Cast", n.name(), List.of(in), name);
                attr(b, "to", onnxType(dt));
                yield name;
            }
            default -> throw new TfjsConversionException("unsupported op " + n.op());
        };
        vals.put(n.name(), nchw ? new Val(null, y, dt) : new Val(y, null, dt));
    }

    private void binary(Node n) {
        String a = ref(n.inputs().get(0));
        String b = ref(n.inputs().get(1));
        boolean nchw = canNchw(a, b) && canNchw(b, a) && (hasNchw(a) || hasNchw(b));
        String x = nchw ? nchwOperand(a) : nhwc(a);
        String y = nchw ? nchwOperand(b) : nhwc(b);
        DType dt = n.attrType("T") != null ? n.attrType("T") : dtypeIn(n, 0);
        String name = fresh(n.name());
        DType outType = dt;
        switch (n.op()) {
            case "Add", "AddV2", "BiasAdd" -> add("Add", n.name(), List.of(x, y), name);
            case "Sub" -> add("Sub", n.name(), List.of(x, y), name);
            case "Mul" -> add("Mul", n.name(), List.of(x, y), name);
            case "RealDiv" -> add("Div", n.name(), List.of(x, y), name);
            case "Maximum" -> add("Max", n.name(), List.of(x, y), name);
            case "Minimum" -> add("Min", n.name(), List.of(x, y), name);
            case "Pow" -> add("Pow", n.name(), List.of(x, y), name);
            case "SquaredDifference" -> {
                String d = add("Sub", n.name() + "/sub", List.of(x, y), fresh(n.name() + "/sub"));
                add("Mul", n.name(), List.of(d, d), name);
            }
            case "FloorDiv" -> {
                if (dt == DType.FLOAT32 || dt == DType.DOUBLE) {
                    String q = add("Div", n.name() + "/div", List.of(x, y), fresh(n.name() + "/div"));
                    add("Floor", n.name(), List.of(q), name);
                } else {
                    // ONNX integer Div truncates; TF FloorDiv floors. Exact in float64 for int32 operands.
                    String q = add("Div", n.name() + "/div", List.of(cast(x, DType.DOUBLE), cast(y, DType.DOUBLE)), fresh(n.name() + "/div"));
                    String f = add("Floor", n.name() + "/floor", List.of(q), fresh(n.name() + "/floor"));
                    NodeProto.Builder c = node("Cast", n.name(), List.of(f), name);
                    attr(c, "to", onnxType(dt));
                }
            }
            case "FloorMod" -> {
                if (dt == DType.FLOAT32 || dt == DType.DOUBLE) {
                    String q = add("Div", n.name() + "/div", List.of(x, y), fresh(n.name() + "/div"));
                    String f = add("Floor", n.name() + "/floor", List.of(q), fresh(n.name() + "/floor"));
                    String m = add("Mul", n.name() + "/mul", List.of(f, y), fresh(n.name() + "/mul"));
                    add("Sub", n.name(), List.of(x, m), name);
                } else {
                    NodeProto.Builder c = node("Mod", n.name(), List.of(x, y), name); // integer Mod, fmod=0: sign of divisor = floor mod
                    attr(c, "fmod", 0);
                }
            }
            case "Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual" -> {
                outType = DType.BOOL;
                String onnxOp = switch (n.op()) {
                    case "Greater" -> "Greater";
                    case "GreaterEqual" -> "GreaterOrEqual";
                    case "Less" -> "Less";
                    case "LessEqual" -> "LessOrEqual";
                    default -> "Equal";
                };
                if ("NotEqual".equals(n.op())) {
                    String e = add("Equal", n.name() + "/eq", List.of(x, y), fresh(n.name() + "/eq"));
                    add("Not", n.name(), List.of(e), name);
                } else {
                    add(onnxOp, n.name(), List.of(x, y), name);
                }
            }
            case "LogicalAnd" -> add("And", n.name(), List.of(x, y), name);
            case "LogicalOr" -> add("Or", n.name(), List.of(x, y), name);
            default -> throw new TfjsConversionException("unsupported op " + n.op());
        }
        vals.put(n.name(), nchw ? new Val(null, name, outType) : new Val(name, null, outType));
    }

    private boolean hasNchw(String r) {
        return !isConst(r) && val(r).nchw != null;
    }

    /** Whether {@code r} can join an NCHW element-wise op whose other operand is {@code other}. */
    private boolean canNchw(String r, String other) {
        if (!isConst(r)) {
            return val(r).nchw != null;
        }
        Tensor t = constOf(r);
        if (t.size() == 1) {
            return true;
        }
        long[] s = t.shape();
        boolean channelVector = s.length == 1 || (s.length == 4 && s[0] == 1 && s[1] == 1 && s[2] == 1);
        return channelVector && hasNchw(other);
    }

    private String nchwOperand(String r) {
        if (!isConst(r)) {
            return val(r).nchw;
        }
        Tensor t = constOf(r);
        if (t.size() == 1) {
            return constant(r);
        }
        String key = r + "__nchw";
        String existing = constNames.get(key);
        if (existing != null) {
            return existing;
        }
        String name = uniqueName(key);
        graph.addInitializer(tensor(name, t.dtype(), new long[]{1, t.size(), 1, 1}, t.data()));
        constNames.put(key, name);
        return name;
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

    private void squeeze(Node n) {
        long[] axes = n.attrInts("squeeze_dims");
        if (axes.length == 0) {
            axes = n.attrInts("axis");
        }
        List<String> ins = axes.length == 0 ? List.of(in(n, 0)) : List.of(in(n, 0), longs(axes));
        out(n, add("Squeeze", n.name(), ins, fresh(n.name())), dtypeIn(n, 0));
    }

    private void concat(Node n) {
        int count = n.inputs().size() - 1;
        long axis = constOf(n, count).longs()[0];
        boolean nchw = true;
        for (int i = 0; i < count; i++) {
            nchw &= hasNchw(ref(n.inputs().get(i)));
        }
        nchw &= axis >= -4 && axis < 4;
        List<String> ins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String r = ref(n.inputs().get(i));
            ins.add(nchw ? val(r).nchw : nhwc(r));
        }
        String y = fresh(n.name());
        attr(node("Concat", n.name(), ins, y), "axis", nchw ? nchwAxis(axis) : axis);
        vals.put(n.name(), nchw ? new Val(null, y, dtypeIn(n, 0)) : new Val(y, null, dtypeIn(n, 0)));
    }

    private static long nchwAxis(long nhwcAxis) {
        int a = (int) ((nhwcAxis + 4) % 4);
        return new long[]{0, 2, 3, 1}[a];
    }

    private void pack(Node n) {
        long axis = n.attrInt("axis", 0);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            parts.add(add("Unsqueeze", n.name() + "/unsqueeze" + i, List.of(in(n, i), longs(axis)), fresh(n.name() + "/part")));
        }
        String y = fresh(n.name());
        attr(node("Concat", n.name(), parts, y), "axis", axis);
        out(n, y, dtypeIn(n, 0));
    }

    private void unpack(Node n) {
        long axis = n.attrInt("axis", 0);
        int num = (int) n.attrInt("num", 1);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            parts.add(fresh(n.name() + "/split" + i));
        }
        NodeProto.Builder b = graph.addNodeBuilder().setOpType("Split").setName(uniqueNode(n.name() + "/split")).addInput(in(n, 0));
        parts.forEach(b::addOutput);
        attr(b, "axis", axis);
        for (int i = 0; i < num; i++) {
            String y = add("Squeeze", n.name() + "/squeeze" + i, List.of(parts.get(i), longs(axis)), fresh(i == 0 ? n.name() : n.name() + ":" + i));
            vals.put(i == 0 ? n.name() : n.name() + ":" + i, new Val(y, null, dtypeIn(n, 0)));
        }
    }

    private void reduce(Node n) {
        long[] axes = constOf(n, 1).longs();
        boolean keep = n.attrBool("keep_dims", false);
        String x = ref(n.inputs().get(0));
        boolean nchw = keep && hasNchw(x);
        long[] onnxAxes = axes.clone();
        if (nchw) {
            for (int i = 0; i < axes.length; i++) {
                onnxAxes[i] = nchwAxis(axes[i]);
            }
        }
        String in = nchw ? val(x).nchw : nhwc(x);
        String y = fresh(n.name());
        NodeProto.Builder b;
        if ("Sum".equals(n.op())) {
            b = node("ReduceSum", n.name(), List.of(in, longs(onnxAxes)), y); // opset 13: axes is an input
        } else {
            b = node("Mean".equals(n.op()) ? "ReduceMean" : "ReduceMax", n.name(), List.of(in), y);
            attr(b, "axes", onnxAxes);
        }
        attr(b, "keepdims", keep ? 1 : 0);
        vals.put(n.name(), nchw ? new Val(null, y, dtypeIn(n, 0)) : new Val(y, null, dtypeIn(n, 0)));
    }

    private void argMax(Node n) {
        long axis = constOf(n, 1).longs()[0];
        String idx = fresh(n.name() + "/i64");
        NodeProto.Builder b = node("ArgMax", n.name() + "/argmax", List.of(in(n, 0)), idx);
        attr(b, "axis", axis);
        attr(b, "keepdims", 0);
        castTo(n, idx, n.attrType("output_type") == null ? DType.INT64 : n.attrType("output_type"));
    }

    private void topK(Node n) {
        long k = constOf(n, 1).longs()[0];
        // ONNX TopK sorted=1 is also a valid answer where TF's sorted=false
        String values = fresh(n.name());
        String idx = fresh(n.name() + "/i64");
        NodeProto.Builder b = graph.addNodeBuilder().setOpType("TopK").setName(uniqueNode(n.name()))
                .addInput(in(n, 0)).addInput(longs(k)).addOutput(values).addOutput(idx);
        attr(b, "axis", -1);
        attr(b, "largest", 1);
        attr(b, "sorted", 1);
        vals.put(n.name(), new Val(values, null, dtypeIn(n, 0)));
        String i32 = fresh(n.name() + ":1");
        attr(node("Cast", n.name() + "/indices", List.of(idx), i32), "to", onnxType(DType.INT32));
        vals.put(n.name() + ":1", new Val(i32, null, DType.INT32));
    }

    private void gather(Node n) {
        if (n.attrInt("batch_dims", 0) != 0) {
            throw new TfjsConversionException("GatherV2 with batch_dims != 0 is not supported");
        }
        long axis = constOf(n, 2).longs()[0];
        String y = fresh(n.name());
        attr(node("Gather", n.name(), List.of(in(n, 0), in(n, 1)), y), "axis", axis);
        out(n, y, dtypeIn(n, 0));
    }

    private void stridedSlice(Node n) {
        long[] begin = constOf(n, 1).longs();
        long[] end = constOf(n, 2).longs();
        long[] strides = constOf(n, 3).longs();
        if (n.attrInt("ellipsis_mask", 0) != 0 || n.attrInt("new_axis_mask", 0) != 0) {
            throw new TfjsConversionException("StridedSlice with ellipsis_mask or new_axis_mask is not supported");
        }
        long beginMask = n.attrInt("begin_mask", 0);
        long endMask = n.attrInt("end_mask", 0);
        long shrink = n.attrInt("shrink_axis_mask", 0);
        int r = begin.length;
        long[] starts = new long[r], ends = new long[r], axes = new long[r], steps = new long[r];
        List<Long> squeeze = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            axes[i] = i;
            steps[i] = strides[i];
            boolean forward = strides[i] > 0;
            if ((shrink >> i & 1) != 0) {
                starts[i] = begin[i];
                ends[i] = begin[i] == -1 ? Long.MAX_VALUE : begin[i] + 1;
                steps[i] = 1;
                squeeze.add((long) i);
                continue;
            }
            starts[i] = (beginMask >> i & 1) != 0 ? (forward ? 0 : Long.MAX_VALUE) : begin[i];
            ends[i] = (endMask >> i & 1) != 0 ? (forward ? Long.MAX_VALUE : Long.MIN_VALUE) : end[i];
        }
        String sliced = add("Slice", n.name() + "/slice", List.of(in(n, 0), longs(starts), longs(ends), longs(axes), longs(steps)),
                squeeze.isEmpty() ? fresh(n.name()) : fresh(n.name() + "/slice"));
        if (!squeeze.isEmpty()) {
            sliced = add("Squeeze", n.name(), List.of(sliced, longs(squeeze.stream().mapToLong(Long::longValue).toArray())), fresh(n.name()));
        }
        out(n, sliced, dtypeIn(n, 0));
    }

    private void castTo(Node n, String input, DType dt) {
        if (dt == DType.INT64) {
            out(n, input, dt);
            return;
        }
        String y = fresh(n.name());
        attr(node("Cast", n.name(), List.of(input), y), "to", onnxType(dt));
        out(n, y, dt);
    }

    private String cast(String input, DType dt) {
        String y = fresh(input + "/cast");
        attr(node("Cast", input + "/cast", List.of(input), y), "to", onnxType(dt));
        return y;
    }

    // ---- tensors and layouts ----

    private void out(Node n, String onnxName, DType dt) {
        vals.put(n.name(), new Val(onnxName, null, dt));
    }

    private Val val(String r) {
        Val v = vals.get(r);
        if (v == null) {
            throw new TfjsConversionException("tensor '" + r + "' is used before it is produced");
        }
        return v;
    }

    /** The NHWC (TensorFlow-layout) ONNX name of input {@code i}, writing a transpose if needed. */
    private String in(Node n, int i) {
        return nhwc(ref(n.inputs().get(i)));
    }

    /** Input {@code i} as int64, as ONNX wants for shapes and indices. */
    private String asInt64(Node n, int i) {
        String r = ref(n.inputs().get(i));
        if (isConst(r)) {
            return longs(constOf(r).longs(), constOf(r).shape());
        }
        return dtypeIn(n, i) == DType.INT64 ? nhwc(r) : cast(nhwc(r), DType.INT64);
    }

    private String nhwc(String r) {
        if (isConst(r)) {
            return constant(r);
        }
        Val v = val(r);
        if (v.nhwc == null) {
            v.nhwc = fresh(r + "/nhwc");
            attr(node("Transpose", r + "/to_nhwc", List.of(v.nchw), v.nhwc), "perm", TO_NHWC);
        }
        return v.nhwc;
    }

    private String nchw(String r) {
        if (isConst(r)) {
            throw new TfjsConversionException("constant '" + r + "' used as an image input is not supported");
        }
        Val v = val(r);
        if (v.nchw == null) {
            v.nchw = fresh(r + "/nchw");
            attr(node("Transpose", r + "/to_nchw", List.of(v.nhwc), v.nchw), "perm", TO_NCHW);
        }
        return v.nchw;
    }

    private DType dtypeIn(Node n, int i) {
        String r = ref(n.inputs().get(i));
        return isConst(r) ? constOf(r).dtype() : val(r).dtype;
    }

    private boolean isConst(String r) {
        Node n = byName.get(nodeOf(r));
        while (n != null && "Identity".equals(n.op())) {
            n = byName.get(nodeOf(n.inputs().get(0)));
        }
        return n != null && "Const".equals(n.op());
    }

    private Tensor constOf(Node n, int i) {
        String r = ref(n.inputs().get(i));
        if (!isConst(r)) {
            throw new TfjsConversionException("input " + i + " ('" + r + "') must be a constant");
        }
        return constOf(r);
    }

    private Tensor constOf(String r) {
        Node n = byName.get(nodeOf(r));
        while ("Identity".equals(n.op())) {
            n = byName.get(nodeOf(n.inputs().get(0)));
        }
        Tensor t = model.weights().get(n.name());
        if (t == null) {
            throw new TfjsConversionException("constant '" + n.name() + "' has no data in the weights manifest");
        }
        return t;
    }

    /** The initializer for constant {@code r}, written once. */
    private String constant(String r) {
        Tensor t = constOf(r);
        String existing = constNames.get(t.name());
        if (existing != null) {
            return existing;
        }
        String name = uniqueName(t.name());
        graph.addInitializer(tensor(name, t.dtype(), t.shape(), t.data()));
        constNames.put(t.name(), name);
        return name;
    }

    private String scalar(float v) {
        String key = "__scalar_f" + v;
        return constNames.computeIfAbsent(key, k -> {
            String name = uniqueName(k);
            graph.addInitializer(tensor(name, DType.FLOAT32, new long[0], new float[]{v}));
            return name;
        });
    }

    private String longs(long... values) {
        return longs(values, new long[]{values.length});
    }

    private String longs(long[] values, long[] shape) {
        String key = "__i64" + Arrays.toString(shape) + Arrays.toString(values);
        return constNames.computeIfAbsent(key, k -> {
            String name = uniqueName("const_i64_" + counter++);
            graph.addInitializer(tensor(name, DType.INT64, shape, values));
            return name;
        });
    }

    private static TensorProto tensor(String name, DType dt, long[] shape, Object data) {
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

    private static ValueInfoProto valueInfo(String name, DType dt, long[] shape) {
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

    // ---- nodes and names ----

    private String add(String op, String name, List<String> inputs, String output) {
        node(op, name, inputs, output);
        return output;
    }

    private NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        NodeProto.Builder b = graph.addNodeBuilder().setOpType(op).setName(uniqueNode(name));
        inputs.forEach(b::addInput);
        b.addOutput(output);
        return b;
    }

    private final Set<String> nodeNames = new HashSet<>();

    private String uniqueNode(String base) {
        String n = base;
        while (!nodeNames.add(n)) {
            n = base + "_" + counter++;
        }
        return n;
    }

    /** A tensor name not used yet, {@code base} itself when free. */
    private String fresh(String base) {
        return uniqueName(base);
    }

    private String uniqueName(String base) {
        String n = base;
        while (usedNames.contains(n)) {
            n = base + "_" + counter++;
        }
        usedNames.add(n);
        return n;
    }

    private static void attr(NodeProto.Builder b, String name, long v) {
        b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v));
    }

    private static void attr(NodeProto.Builder b, String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        b.addAttribute(a);
    }

    private static void attr(NodeProto.Builder b, String name, float v) {
        b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v));
    }

    private static void attr(NodeProto.Builder b, String name, String v) {
        b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)));
    }
}
