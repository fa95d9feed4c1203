package org.classbot.knowledge.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;

/**
 * A LangChain4j {@link EmbeddingModel} with the name and dimension recorded in the index, so an index is
 * never searched with vectors of another model. Texts are embedded in batches (about twice as fast per
 * text as one call each for the in-process models).
 */
public final class Embedder {
    public static final String BGE_SMALL_ZH = "bge-small-zh-v1.5";
    public static final String BGE_SMALL_EN_Q = "bge-small-en-v1.5-q";
    private static final int BATCH = 32;

    private final EmbeddingModel model;
    private final String name;
    private final int dimension;
    private final String queryPrefix;

    private Embedder(EmbeddingModel model, String name, int dimension, String queryPrefix) {
        this.model = Objects.requireNonNull(model, "model");
        this.name = Objects.requireNonNull(name, "name");
        this.dimension = dimension;
        this.queryPrefix = queryPrefix == null ? "" : queryPrefix;
    }

    /** Any LangChain4j embedding model; {@code name} identifies it in the index (include the version). */
    public static Embedder of(EmbeddingModel model, String name) {
        return new Embedder(model, name, model.dimension(), "");
    }

    /** The default: in-process bge-small-zh-v1.5 (512-d), loaded once per JVM and shared. */
    public static Embedder bgeSmallZh() {
        return Default.INSTANCE;
    }

    /** The English model: in-process bge-small-en-v1.5, quantized (384-d), loaded once per JVM and shared. */
    public static Embedder bgeSmallEnQuantized() {
        return DefaultEnglish.INSTANCE;
    }

    private static final class Default {
        static final Embedder INSTANCE = new Embedder(new BgeSmallZhV15EmbeddingModel(), BGE_SMALL_ZH, 512, "");
    }

    private static final class DefaultEnglish {
        static final Embedder INSTANCE = new Embedder(new BgeSmallEnV15QuantizedEmbeddingModel(), BGE_SMALL_EN_Q, 384, "");
    }

    /** The same model with an instruction put before every query (BGE models suggest one for short queries). */
    public Embedder withQueryPrefix(String prefix) {
        return new Embedder(model, name, dimension, prefix);
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return dimension;
    }

    public EmbeddingModel model() {
        return model;
    }

    public float[] embedQuery(String query) {
        return embed(queryPrefix + query);
    }

    public float[] embed(String text) {
        return check(model.embed(text).content());
    }

    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += BATCH) {
            List<TextSegment> batch = texts.subList(i, Math.min(texts.size(), i + BATCH)).stream().map(TextSegment::from).toList();
            for (Embedding e : model.embedAll(batch).content()) {
                out.add(check(e));
            }
        }
        return out;
    }

    private float[] check(Embedding e) {
        float[] v = e.vector();
        if (v.length != dimension) {
            throw new IllegalStateException("embedding model '" + name + "' returned " + v.length + " dimensions, expected " + dimension);
        }
        return v;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
