package org.classbot.perception.tfjs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A TensorFlow.js graph model as stored on disk: {@code model.json} (graph topology, signature,
 * weights manifest) plus its binary weight shards. Weights are decoded to float32 / int32 at load
 * time, the way TF.js does it: float16-quantised weights are widened exactly, uint8/uint16 affine
 * quantisation is applied as {@code q * scale + min}.
 */
public final class TfjsModel {

    /** Reads the bytes of one weight shard, named as in the manifest (relative to model.json). */
    @FunctionalInterface
    public interface ShardSource {
        byte[] read(String path) throws IOException;
    }

    /** One graph node; {@code inputs} as written in model.json ({@code name}, {@code name:1}; control inputs dropped). */
    public record Node(String name, String op, List<String> inputs, JsonNode attr) {
        String attrString(String key) {
            JsonNode n = attr.path(key).path("s");
            return n.isMissingNode() ? null : new String(java.util.Base64.getDecoder().decode(n.asText()), java.nio.charset.StandardCharsets.UTF_8);
        }

        List<String> attrStrings(String key) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : attr.path(key).path("list").path("s")) {
                out.add(new String(java.util.Base64.getDecoder().decode(s.asText()), java.nio.charset.StandardCharsets.UTF_8));
            }
            return out;
        }

        long attrInt(String key, long fallback) {
            JsonNode n = attr.path(key).path("i");
            return n.isMissingNode() ? fallback : Long.parseLong(n.asText());
        }

        long[] attrInts(String key) {
            JsonNode list = attr.path(key).path("list").path("i");
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Long.parseLong(list.get(i).asText());
            }
            return out;
        }

        boolean attrBool(String key, boolean fallback) {
            JsonNode n = attr.path(key).path("b");
            return n.isMissingNode() ? fallback : n.asBoolean();
        }

        float attrFloat(String key, float fallback) {
            JsonNode n = attr.path(key).path("f");
            return n.isMissingNode() ? fallback : (float) n.asDouble();
        }

        DType attrType(String key) {
            JsonNode n = attr.path(key).path("type");
            return n.isMissingNode() ? null : DType.ofTf(n.asText());
        }
    }

    /** A decoded constant tensor; {@code data} is {@code float[]}, {@code int[]} or {@code boolean[]}. */
    public record Tensor(String name, DType dtype, long[] shape, Object data) {
        public int size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }

        public float[] floats() {
            return (float[]) data;
        }

        public int[] ints() {
            return (int[]) data;
        }

        /** Values as longs, for int tensors used as axes, shapes and sizes. */
        public long[] longs() {
            if (data instanceof int[] a) {
                long[] out = new long[a.length];
                for (int i = 0; i < a.length; i++) {
                    out[i] = a[i];
                }
                return out;
            }
            throw new TfjsConversionException("tensor '" + name + "' is " + dtype + ", expected an integer tensor");
        }
    }

    /** Tensor element types that appear in TF.js graph models. */
    public enum DType {
        FLOAT32, INT32, INT64, BOOL, DOUBLE;

        static DType ofTf(String tf) {
            return switch (tf) {
                case "DT_FLOAT" -> FLOAT32;
                case "DT_INT32" -> INT32;
                case "DT_INT64" -> INT64;
                case "DT_BOOL" -> BOOL;
                case "DT_DOUBLE" -> DOUBLE;
                default -> throw new TfjsConversionException("unsupported TensorFlow dtype " + tf);
            };
        }

        static DType ofManifest(String s) {
            return switch (s) {
                case "float32" -> FLOAT32;
                case "int32" -> INT32;
                case "bool" -> BOOL;
                default -> throw new TfjsConversionException("unsupported TF.js weight dtype '" + s + "'");
            };
        }
    }

    /** A signature entry: the name users see and the graph tensor it stands for; {@code shape} null when unknown. */
    public record Port(String key, String tensor, DType dtype, long[] shape) {
    }

    private final String format;
    private final String generatedBy;
    private final List<Node> nodes;
    private final Map<String, Tensor> weights;
    private final List<Port> inputs;
    private final List<Port> outputs;

    private TfjsModel(String format, String generatedBy, List<Node> nodes, Map<String, Tensor> weights,
                      List<Port> inputs, List<Port> outputs) {
        this.format = format;
        this.generatedBy = generatedBy;
        this.nodes = Collections.unmodifiableList(nodes);
        this.weights = Collections.unmodifiableMap(weights);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** Reads {@code model.json} and its shards from the same folder. */
    public static TfjsModel read(Path modelJson) {
        Path dir = modelJson.toAbsolutePath().getParent();
        try {
            return read(Files.readAllBytes(modelJson), p -> Files.readAllBytes(dir.resolve(p)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelJson + ": " + e.getMessage(), e);
        }
    }

    public static TfjsModel read(byte[] modelJson, ShardSource shards) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(modelJson);
        } catch (IOException e) {
            throw new TfjsConversionException("model.json is not valid JSON: " + e.getMessage());
        }
        String format = root.path("format").asText("");
        if (!format.isEmpty() && !"graph-model".equals(format)) {
            throw new TfjsConversionException("model.json has format '" + format
                    + "'; only TF.js graph models (format 'graph-model') can be converted, not layers models");
        }
        JsonNode topology = root.path("modelTopology");
        if (!topology.path("node").isArray()) {
            throw new TfjsConversionException("model.json has no modelTopology.node list: not a TF.js graph model");
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : topology.path("node")) {
            List<String> ins = new ArrayList<>();
            for (JsonNode i : n.path("input")) {
                if (!i.asText().startsWith("^")) {
                    ins.add(i.asText());
                }
            }
            nodes.add(new Node(n.path("name").asText(), n.path("op").asText(), List.copyOf(ins), n.path("attr")));
        }
        if (topology.path("library").path("function").size() > 0) {
            throw new TfjsConversionException("model.json contains control-flow functions (library.function): not supported");
        }
        Map<String, Tensor> weights;
        try {
            weights = readWeights(root.path("weightsManifest"), shards);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weight shard: " + e.getMessage(), e);
        }
        List<Port> ins = ports(root.path("signature").path("inputs"));
        List<Port> outs = ports(root.path("signature").path("outputs"));
        return new TfjsModel(format, root.path("generatedBy").asText(""), nodes, weights, ins, outs);
    }

    private static List<Port> ports(JsonNode sig) {
        List<Port> out = new ArrayList<>();
        sig.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String tensor = v.path("name").asText(e.getKey());
            long[] shape = null; // unknown unless the signature gives it
            if (v.has("tensorShape") && !v.path("tensorShape").path("unknownRank").asBoolean(false)) {
                JsonNode dims = v.path("tensorShape").path("dim");
                shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = Long.parseLong(dims.get(i).path("size").asText("-1"));
                }
            }
            DType dt = v.has("dtype") ? DType.ofTf(v.path("dtype").asText()) : null;
            out.add(new Port(e.getKey(), tensor, dt, shape));
        });
        return out;
    }

    private static Map<String, Tensor> readWeights(JsonNode manifest, ShardSource shards) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            // the weights of one group are laid out one after another across the group's shards
            List<byte[]> parts = new ArrayList<>();
            int total = 0;
            for (JsonNode p : group.path("paths")) {
                byte[] b = shards.read(p.asText());
                parts.add(b);
                total += b.length;
            }
            ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            parts.forEach(buf::put);
            buf.flip();
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                JsonNode dims = w.path("shape");
                long[] shape = new long[dims.size()];
                long n = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).asLong();
                    n *= shape[i];
                }
                int count = Math.toIntExact(n);
                DType dtype = DType.ofManifest(w.path("dtype").asText());
                JsonNode q = w.path("quantization");
                Object data;
                try {
                    data = q.isMissingNode() ? plain(buf, dtype, count) : dequantise(buf, dtype, count, q, name);
                } catch (java.nio.BufferUnderflowException e) {
                    throw new TfjsConversionException("weight shards too short: '" + name + "' needs more bytes than the .bin files hold");
                }
                out.put(name, new Tensor(name, dtype, shape, data));
            }
            if (buf.hasRemaining()) {
                throw new TfjsConversionException("weight shards hold " + buf.remaining() + " bytes more than the manifest describes");
            }
        }
        return out;
    }

    private static Object plain(ByteBuffer buf, DType dtype, int count) {
        switch (dtype) {
            case FLOAT32 -> {
                float[] f = new float[count];
                buf.asFloatBuffer().get(f);
                buf.position(buf.position() + 4 * count);
                return f;
            }
            case INT32 -> {
                int[] a = new int[count];
                buf.asIntBuffer().get(a);
                buf.position(buf.position() + 4 * count);
                return a;
            }
            case BOOL -> {
                boolean[] b = new boolean[count];
                for (int i = 0; i < count; i++) {
                    b[i] = buf.get() != 0;
                }
                return b;
            }
            default -> throw new TfjsConversionException("unsupported weight dtype " + dtype);
        }
    }

    private static Object dequantise(ByteBuffer buf, DType dtype, int count, JsonNode q, String name) {
        String qType = q.path("dtype").asText();
        float[] f = new float[count];
        switch (qType) {
            case "float16" -> {
                for (int i = 0; i < count; i++) {
                    f[i] = Float16.toFloat(buf.getShort());
                }
            }
            case "uint8", "uint16" -> {
                float scale = (float) q.path("scale").asDouble();
                float min = (float) q.path("min").asDouble();
                for (int i = 0; i < count; i++) {
                    int v = "uint8".equals(qType) ? Byte.toUnsignedInt(buf.get()) : Short.toUnsignedInt(buf.getShort());
                    f[i] = v * scale + min;
                }
            }
            default -> throw new TfjsConversionException("weight '" + name + "' uses unsupported quantisation '" + qType + "'");
        }
        if (dtype == DType.INT32) {
            int[] a = new int[count];
            for (int i = 0; i < count; i++) {
                a[i] = Math.round(f[i]);
            }
            return a;
        }
        return f;
    }

    public String format() {
        return format;
    }

    public String generatedBy() {
        return generatedBy;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Map<String, Tensor> weights() {
        return weights;
    }

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }
}
