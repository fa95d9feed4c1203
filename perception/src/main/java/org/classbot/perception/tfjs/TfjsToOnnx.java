package org.classbot.perception.tfjs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;

import org.classbot.perception.tfjs.Layouts.Val;
import org.classbot.perception.tfjs.TfjsModel.DType;
import org.classbot.perception.tfjs.TfjsModel.Node;
import org.classbot.perception.tfjs.TfjsModel.Port;

import static org.classbot.perception.tfjs.GraphBuilder.valueInfo;
import static org.classbot.perception.tfjs.Layouts.nodeOf;
import static org.classbot.perception.tfjs.Layouts.ref;

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
 *
 * <p>This class is the driver (graph walk, inputs and outputs, one handler call per node); the
 * graph being written is {@link GraphBuilder}, the values and their layouts {@link Layouts}, and
 * the per-op mappings are {@link OpHandler}s registered by family in {@link OpRegistry}
 * ({@link ConvOps}, {@link ElementwiseOps}, {@link ShapeOps}, {@link ReduceOps}).
 */
public final class TfjsToOnnx {

    public static final int OPSET = 13;
    public static final String PRODUCER = "classbot-tfjs-to-onnx";

    /** Every TF op this converter maps: the keys of the op handler registry. */
    public static final Set<String> SUPPORTED_OPS = OpRegistry.SUPPORTED_OPS;

    private final TfjsModel model;
    private final Map<String, Node> byName = new HashMap<>();
    private final GraphBuilder g = new GraphBuilder();
    private final GraphProto.Builder graph = g.graph;
    private final Set<String> usedNames = g.usedNames;
    private final Layouts layouts;
    private final Map<String, Val> vals;
    private final Map<String, OpHandler> handlers;

    private TfjsToOnnx(TfjsModel model) {
        this.model = model;
        for (Node n : model.nodes()) {
            byName.put(n.name(), n);
        }
        this.layouts = new Layouts(model, byName, g);
        this.vals = layouts.vals;
        this.handlers = OpRegistry.create(g, layouts);
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
        OpHandler h = handlers.get(n.op());
        if (h == null) {
            throw new TfjsConversionException("unsupported op " + n.op());
        }
        h.emit(n);
    }

    private Val val(String r) {
        return layouts.val(r);
    }

    private String nhwc(String r) {
        return layouts.nhwc(r);
    }

    private String add(String op, String name, List<String> inputs, String output) {
        return g.add(op, name, inputs, output);
    }
}
