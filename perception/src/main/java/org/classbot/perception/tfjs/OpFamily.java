package org.classbot.perception.tfjs;

import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;

import org.classbot.perception.tfjs.Layouts.Val;
import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;
import org.classbot.perception.tfjs.TfjsModel.Tensor;

/**
 * A family of op handlers (convolutions, element-wise, shapes, reductions) over one conversion's
 * {@link GraphBuilder} and {@link Layouts}, with short names for their helpers so each handler
 * reads as the mapping it is. {@link #register} puts the family's handlers into the registry.
 * Constructed with {@code null}s only to list the op names ({@link OpRegistry#SUPPORTED_OPS}).
 */
abstract class OpFamily {

    final GraphBuilder g;
    final Layouts l;
    final GraphProto.Builder graph;
    final Map<String, Val> vals;

    OpFamily(GraphBuilder g, Layouts l) {
        this.g = g;
        this.l = l;
        this.graph = g == null ? null : g.graph;
        this.vals = l == null ? null : l.vals;
    }

    /** Adds {@code op → handler} for every op this family maps. */
    abstract void register(Map<String, OpHandler> registry);

    static void register(Map<String, OpHandler> registry, OpHandler h, String... ops) {
        for (String op : ops) {
            if (registry.put(op, h) != null) {
                throw new IllegalStateException("two handlers for " + op);
            }
        }
    }

    String add(String op, String name, List<String> inputs, String output) { return g.add(op, name, inputs, output); }

    NodeProto.Builder node(String op, String name, List<String> inputs, String output) { return g.node(op, name, inputs, output); }

    String uniqueNode(String base) { return g.uniqueNode(base); }

    String fresh(String base) { return g.fresh(base); }

    String uniqueName(String base) { return g.uniqueName(base); }

    String scalar(float v) { return g.scalar(v); }

    String longs(long... values) { return g.longs(values); }

    String longs(long[] values, long[] shape) { return g.longs(values, shape); }

    void out(Node n, String onnxName, DType dt) { l.out(n, onnxName, dt); }

    Val val(String r) { return l.val(r); }

    String in(Node n, int i) { return l.in(n, i); }

    String asInt64(Node n, int i) { return l.asInt64(n, i); }

    String nhwc(String r) { return l.nhwc(r); }

    String nchw(String r) { return l.nchw(r); }

    DType dtypeIn(Node n, int i) { return l.dtypeIn(n, i); }

    boolean isConst(String r) { return l.isConst(r); }

    Tensor constOf(Node n, int i) { return l.constOf(n, i); }

    Tensor constOf(String r) { return l.constOf(r); }

    String constant(String r) { return l.constant(r); }

    boolean hasNchw(String r) { return l.hasNchw(r); }

    boolean canNchw(String r, String other) { return l.canNchw(r, other); }

    String nchwOperand(String r) { return l.nchwOperand(r); }

    String cast(String input, DType dt) { return l.cast(input, dt); }

    void castTo(Node n, String input, DType dt) { l.castTo(n, input, dt); }
}
