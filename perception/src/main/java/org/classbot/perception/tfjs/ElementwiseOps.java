package org.classbot.perception.tfjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl.NodeProto;

import org.classbot.perception.tfjs.Layouts.Val;
import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;

import static org.classbot.perception.tfjs.GraphBuilder.attr;
import static org.classbot.perception.tfjs.GraphBuilder.onnxType;
import static org.classbot.perception.tfjs.Layouts.ref;

/**
 * Element-wise ops (unary, binary with TF broadcasting, {@code SelectV2}, {@code AddN}): they stay
 * in NCHW when their inputs are (per-channel constants are re-laid as {@code [1,C,1,1]}), else NHWC.
 */
final class ElementwiseOps extends OpFamily {

    ElementwiseOps(GraphBuilder g, Layouts l) {
        super(g, l);
    }

    @Override
    void register(Map<String, OpHandler> r) {
        register(r, this::unary, "Relu", "Relu6", "Sigmoid", "Sqrt", "Rsqrt", "Tanh", "Exp", "Log", "Neg", "Abs",
                "Floor", "Ceil", "Square", "Reciprocal", "Cast", "LeakyRelu", "Elu");
        register(r, this::binary, "Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum", "Pow", "Equal",
                "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual", "SquaredDifference", "FloorDiv", "FloorMod",
                "BiasAdd", "LogicalAnd", "LogicalOr");
        register(r, n -> out(n, add("Where", n.name(), List.of(in(n, 0), in(n, 1), in(n, 2)), fresh(n.name())), dtypeIn(n, 1)),
                "SelectV2");
        register(r, n -> {
            List<String> ins = new ArrayList<>();
            for (int i = 0; i < n.inputs().size(); i++) {
                ins.add(in(n, i));
            }
            out(n, add("Sum", n.name(), ins, fresh(n.name())), dtypeIn(n, 0));
        }, "AddN");
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

}
