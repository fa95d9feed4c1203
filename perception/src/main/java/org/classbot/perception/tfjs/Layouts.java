package org.classbot.perception.tfjs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;
import org.classbot.perception.tfjs.TfjsModel.Tensor;

import static org.classbot.perception.tfjs.GraphBuilder.attr;
import static org.classbot.perception.tfjs.GraphBuilder.onnxType;
import static org.classbot.perception.tfjs.GraphBuilder.tensor;

/**
 * The values of the conversion: every TF tensor keeps its TensorFlow (NHWC) meaning and carries up
 * to two ONNX names ({@link Val}: one per layout); a {@code Transpose} is written only when a consumer
 * asks for the layout that is missing ({@link #nhwc}, {@link #nchw}). Also the TF side's lookups:
 * tensor references ({@code node:k}), constants through {@code Identity} chains, input dtypes, casts.
 */
final class Layouts {

    static final long[] TO_NCHW = {0, 3, 1, 2};
    static final long[] TO_NHWC = {0, 2, 3, 1};

    /** The tensor behind one TF output: its ONNX names in either layout, and its element type. */
    static final class Val {
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
    private final Map<String, Node> byName;
    private final GraphBuilder g;
    final Map<String, Val> vals = new HashMap<>();

    Layouts(TfjsModel model, Map<String, Node> byName, GraphBuilder g) {
        this.model = model;
        this.byName = byName;
        this.g = g;
    }

    static String nodeOf(String ref) {
        int c = ref.lastIndexOf(':');
        return c > 0 && ref.substring(c + 1).chars().allMatch(Character::isDigit) ? ref.substring(0, c) : ref;
    }

    static int outputIndex(String ref) {
        String n = nodeOf(ref);
        return n.length() == ref.length() ? 0 : Integer.parseInt(ref.substring(n.length() + 1));
    }

    /** Canonical tensor reference: {@code node} for output 0, {@code node:k} otherwise. */
    static String ref(String s) {
        int k = outputIndex(s);
        return k == 0 ? nodeOf(s) : nodeOf(s) + ":" + k;
    }

    boolean hasNchw(String r) {
        return !isConst(r) && val(r).nchw != null;
    }

    /** Whether {@code r} can join an NCHW element-wise op whose other operand is {@code other}. */
    boolean canNchw(String r, String other) {
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

    String nchwOperand(String r) {
        if (!isConst(r)) {
            return val(r).nchw;
        }
        Tensor t = constOf(r);
        if (t.size() == 1) {
            return constant(r);
        }
        String key = r + "__nchw";
        String existing = g.constNames.get(key);
        if (existing != null) {
            return existing;
        }
        String name = uniqueName(key);
        g.graph.addInitializer(tensor(name, t.dtype(), new long[]{1, t.size(), 1, 1}, t.data()));
        g.constNames.put(key, name);
        return name;
    }

    void castTo(Node n, String input, DType dt) {
        if (dt == DType.INT64) {
            out(n, input, dt);
            return;
        }
        String y = fresh(n.name());
        attr(node("Cast", n.name(), List.of(input), y), "to", onnxType(dt));
        out(n, y, dt);
    }

    String cast(String input, DType dt) {
        String y = fresh(input + "/cast");
        attr(node("Cast", input + "/cast", List.of(input), y), "to", onnxType(dt));
        return y;
    }

    void out(Node n, String onnxName, DType dt) {
        vals.put(n.name(), new Val(onnxName, null, dt));
    }

    Val val(String r) {
        Val v = vals.get(r);
        if (v == null) {
            throw new TfjsConversionException("tensor '" + r + "' is used before it is produced");
        }
        return v;
    }

    /** The NHWC (TensorFlow-layout) ONNX name of input {@code i}, writing a transpose if needed. */
    String in(Node n, int i) {
        return nhwc(ref(n.inputs().get(i)));
    }

    /** Input {@code i} as int64, as ONNX wants for shapes and indices. */
    String asInt64(Node n, int i) {
        String r = ref(n.inputs().get(i));
        if (isConst(r)) {
            return longs(constOf(r).longs(), constOf(r).shape());
        }
        return dtypeIn(n, i) == DType.INT64 ? nhwc(r) : cast(nhwc(r), DType.INT64);
    }

    String nhwc(String r) {
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

    String nchw(String r) {
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

    DType dtypeIn(Node n, int i) {
        String r = ref(n.inputs().get(i));
        return isConst(r) ? constOf(r).dtype() : val(r).dtype;
    }

    boolean isConst(String r) {
        Node n = byName.get(nodeOf(r));
        while (n != null && "Identity".equals(n.op())) {
            n = byName.get(nodeOf(n.inputs().get(0)));
        }
        return n != null && "Const".equals(n.op());
    }

    Tensor constOf(Node n, int i) {
        String r = ref(n.inputs().get(i));
        if (!isConst(r)) {
            throw new TfjsConversionException("input " + i + " ('" + r + "') must be a constant");
        }
        return constOf(r);
    }

    Tensor constOf(String r) {
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
    String constant(String r) {
        Tensor t = constOf(r);
        String existing = g.constNames.get(t.name());
        if (existing != null) {
            return existing;
        }
        String name = uniqueName(t.name());
        g.graph.addInitializer(tensor(name, t.dtype(), t.shape(), t.data()));
        g.constNames.put(t.name(), name);
        return name;
    }

    // ---- the graph builder's parts used here ----

    private String fresh(String base) {
        return g.fresh(base);
    }

    private String uniqueName(String base) {
        return g.uniqueName(base);
    }

    private ai.onnx.proto.OnnxMl.NodeProto.Builder node(String op, String name, List<String> inputs, String output) {
        return g.node(op, name, inputs, output);
    }

    private String longs(long[] values, long[] shape) {
        return g.longs(values, shape);
    }
}
