package org.classbot.perception.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * One ONNX Runtime session and what the model file says about itself: input and output names,
 * element types and shapes ({@code -1} for a dynamic dimension), and its metadata. Model runners
 * read shapes from here instead of assuming them. Not thread-safe for concurrent {@link #run}.
 */
public final class OnnxModel implements AutoCloseable {

    /** One input or output as declared in the model. */
    public record TensorSpec(String name, OnnxJavaType type, long[] shape) {
        @Override
        public String toString() {
            return name + " " + type + " " + Arrays.toString(shape);
        }
    }

    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final Map<String, String> metadata;

    private OnnxModel(Path file, OrtEnvironment env, OrtSession session) throws OrtException {
        this.file = file;
        this.env = env;
        this.session = session;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
    }

    /** Loads a model with ONNX Runtime's full graph optimisation on the CPU. */
    public static OnnxModel load(Path file) {
        return load(file, 0);
    }

    /** Loads a model; {@code intraOpThreads} 0 lets ONNX Runtime choose (one per core). */
    public static OnnxModel load(Path file, int intraOpThreads) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("model file not found: " + file);
        }
        OrtEnvironment env;
        try {
            env = onBigStack(OrtEnvironment::getEnvironment);
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot start: " + e.getMessage(), e);
        }
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                opts.setIntraOpNumThreads(intraOpThreads);
            }
            return new OnnxModel(file, env, onBigStack(() -> env.createSession(file.toString(), opts)));
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * ONNX Runtime 1.29 builds and optimises the graph on the calling thread and needs more native
     * stack than a Java thread has by default (1 MB): on this machine session creation crashed the JVM
     * (SIGSEGV, no hs_err) depending on what else was on the stack, which is what happened to the
     * benchmark and would happen to any caller on a plain thread. So the session is created on a
     * short-lived thread with a {@value #SESSION_STACK_BYTES}-byte stack.
     */
    static final long SESSION_STACK_BYTES = 64L << 20;

    interface OrtCall<T> {
        T call() throws OrtException;
    }

    /** Runs {@code call} on a short-lived thread with a {@link #SESSION_STACK_BYTES} stack and waits for it. */
    static <T> T onBigStack(OrtCall<T> call) throws OrtException {
        Object[] made = new Object[1];
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                made[0] = call.call();
            } catch (Throwable e) {
                failed[0] = e;
            }
        }, "classbot-ort-load", SESSION_STACK_BYTES);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] instanceof OrtException e) {
            throw e;
        }
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failed[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T result = (T) made[0];
        return result;
    }

    /** Loads a model and builds a runner on it; the session is closed again when the runner refuses the model. */
    public static <T> T open(Path file, java.util.function.Function<OnnxModel, T> runner) {
        OnnxModel m = load(file);
        try {
            return runner.apply(m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        infos.forEach((name, info) -> {
            if (info.getInfo() instanceof TensorInfo t) {
                out.add(new TensorSpec(name, t.type, t.getShape()));
            } else {
                out.add(new TensorSpec(name, OnnxJavaType.UNKNOWN, new long[0]));
            }
        });
        return List.copyOf(out);
    }

    public Path file() {
        return file;
    }

    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }

    /** The model's metadata_props (e.g. {@code classbot.model}, {@code classbot.source}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    public OrtEnvironment environment() {
        return env;
    }

    /** Runs the session; the caller closes the result. */
    public OrtSession.Result run(Map<String, OnnxTensor> feed) {
        try {
            return session.run(feed);
        } catch (OrtException e) {
            throw new ModelException("inference failed on " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** A short description for error messages: inputs and outputs with shapes. */
    public String describe() {
        return file.getFileName() + " (inputs " + inputs + ", outputs " + outputs + ")";
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("cannot close session of " + file, e);
        }
    }
}
