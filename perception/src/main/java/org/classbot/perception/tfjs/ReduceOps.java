package org.classbot.perception.tfjs;

import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl.NodeProto;

import org.classbot.perception.tfjs.Layouts.Val;
import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;

import static org.classbot.perception.tfjs.GraphBuilder.attr;
import static org.classbot.perception.tfjs.GraphBuilder.onnxType;
import static org.classbot.perception.tfjs.GraphBuilder.tensor;
import static org.classbot.perception.tfjs.Layouts.ref;

/**
 * Reductions along axes and top-k: {@code Mean}/{@code Sum}/{@code Max} (spatial means of an NCHW
 * tensor stay NCHW), {@code ArgMax}, {@code TopKV2}, {@code Softmax}.
 */
final class ReduceOps extends OpFamily {

    ReduceOps(GraphBuilder g, Layouts l) {
        super(g, l);
    }

    @Override
    void register(Map<String, OpHandler> r) {
        register(r, this::reduce, "Mean", "Sum", "Max");
        register(r, this::argMax, "ArgMax");
        register(r, this::topK, "TopKV2");
        register(r, n -> {
            String y = fresh(n.name());
            attr(node("Softmax", n.name(), List.of(in(n, 0)), y), "axis", -1);
            out(n, y, dtypeIn(n, 0));
        }, "Softmax");
    }

    private void reduce(Node n) {
        long[] axes = constOf(n, 1).longs();
        boolean keep = n.attrBool("keep_dims", false);
        String x = ref(n.inputs().get(0));
        boolean nchw = keep && hasNchw(x);
        long[] onnxAxes = axes.clone();
        if (nchw) {
            for (int i = 0; i < axes.length; i++) {
                onnxAxes[i] = ShapeOps.nchwAxis(axes[i]);
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

}
