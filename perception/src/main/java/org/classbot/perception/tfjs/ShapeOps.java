package org.classbot.perception.tfjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl.NodeProto;

import org.classbot.perception.tfjs.Layouts.Val;
import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;

import static org.classbot.perception.tfjs.GraphBuilder.attr;
import static org.classbot.perception.tfjs.GraphBuilder.tensor;
import static org.classbot.perception.tfjs.Layouts.ref;

/**
 * Graph plumbing and shape ops: {@code Placeholder}/{@code Const}/{@code Identity}, reshapes,
 * squeezes, concats (channel concats stay NCHW), pack/unpack, gathers and strided slices, all in the
 * TensorFlow (NHWC) meaning of the tensor.
 */
final class ShapeOps extends OpFamily {

    ShapeOps(GraphBuilder g, Layouts l) {
        super(g, l);
    }

    @Override
    void register(Map<String, OpHandler> r) {
        register(r, n -> { }, "Placeholder", "Const"); // declared as graph inputs / read as initializers on use
        register(r, this::identity, "Identity");
        register(r, n -> out(n, add("Unsqueeze", n.name(), List.of(in(n, 0), longs(constOf(n, 1).longs())), fresh(n.name())), dtypeIn(n, 0)),
                "ExpandDims");
        register(r, this::squeeze, "Squeeze");
        register(r, n -> out(n, add("Reshape", n.name(), List.of(in(n, 0), asInt64(n, 1)), fresh(n.name())), dtypeIn(n, 0)),
                "Reshape");
        register(r, this::concat, "ConcatV2");
        register(r, this::pack, "Pack");
        register(r, this::unpack, "Unpack");
        register(r, n -> out(n, add("GatherND", n.name(), List.of(in(n, 0), asInt64(n, 1)), fresh(n.name())), dtypeIn(n, 0)),
                "GatherNd");
        register(r, this::gather, "GatherV2");
        register(r, this::stridedSlice, "StridedSlice");
        register(r, n -> {
            String s = add("Shape", n.name() + "/shape", List.of(in(n, 0)), fresh(n.name() + "/i64"));
            castTo(n, s, n.attrType("out_type") == null ? DType.INT32 : n.attrType("out_type"));
        }, "Shape");
    }

    private void identity(Node n) {
        String in = ref(n.inputs().get(0));
        if (isConst(in)) {
            return; // constOf follows Identity chains
        }
        vals.put(n.name(), val(in));
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

    static long nchwAxis(long nhwcAxis) {
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

}
