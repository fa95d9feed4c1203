package org.classbot.knowledge.index;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How a chunk is laid out as a Lucene document: the one place the field names, the metadata prefixes and the
 * sentence-vector bytes live. A chunk has an {@code id}, a stored {@code text}, an analysed {@code text}
 * (BM25), one HNSW vector per {@link VectorSpace}, its sentences' vectors ({@code sv.FIELD}, stored only) and
 * metadata (stored as {@code m.KEY}, strings also indexed as {@code s.KEY}, numbers as points {@code n.KEY}).
 * Changing anything here changes the on-disk format: bump {@link IndexFormat#FORMAT}.
 */
public final class ChunkSchema {
    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String VECTOR = VectorSpace.PRIMARY;
    public static final String STORED = "m.";
    public static final String STRING = "s.";
    public static final String NUMBER = "n.";
    /** Prefix of the stored (not indexed) field holding a chunk's sentence vectors of one vector field, concatenated. */
    public static final String SENTENCE_VECTORS = "sv.";

    /** Metadata keys every ClassBot chunk carries (also usable in LangChain4j filters). */
    public static final String META_FILE_NAME = "file_name";
    public static final String META_SOURCE = "source";
    public static final String META_HASH = "hash";
    public static final String META_INDEX = "index";
    public static final String META_PAGE = "page";
    public static final String META_HEADING = "heading";
    /** The whole article of an item chunk (article chunking, parent/child); absent on other chunks. */
    public static final String META_PARENT = "parent";

    private ChunkSchema() {
    }

    /**
     * A chunk document: id, text (stored as given, indexed as {@code indexedText}), one vector per space (the
     * primary one is required), per vector field the vectors of the chunk's sentences, metadata.
     */
    static Document document(List<VectorSpace> spaces, String id, String text, String indexedText, Map<String, float[]> vectors,
                             Map<String, List<float[]>> sentenceVectors, Map<String, ?> metadata) {
        if (!vectors.containsKey(VectorSpace.PRIMARY)) {
            throw new IllegalArgumentException("a chunk needs a vector in the primary field '" + VectorSpace.PRIMARY + "'");
        }
        Document d = new Document();
        for (VectorSpace v : spaces) {
            float[] vec = vectors.get(v.field());
            if (vec == null) {
                continue;
            }
            if (vec.length != v.dimension()) {
                throw new IllegalArgumentException("embedding has " + vec.length + " dimensions; field '" + v.field() + "' of this index holds "
                        + v.dimension() + "-d vectors of '" + v.model() + "'");
            }
            d.add(new KnnFloatVectorField(v.field(), vec, VectorSimilarityFunction.COSINE));
            List<float[]> sv = sentenceVectors.get(v.field());
            if (sv != null && !sv.isEmpty()) {
                d.add(new StoredField(SENTENCE_VECTORS + v.field(), sentenceVectorBytes(sv, v)));
            }
        }
        d.add(new StringField(ID, id, Field.Store.YES));
        d.add(new StoredField(TEXT, text == null ? "" : text));
        d.add(new TextField(TEXT, indexedText == null ? "" : indexedText, Field.Store.NO));
        if (metadata != null) {
            metadata.forEach((k, v) -> addMetadata(d, k, v));
        }
        return d;
    }

    /** Sentence vectors as stored: the floats of each vector one after the other, big-endian. */
    static byte[] sentenceVectorBytes(List<float[]> vectors, VectorSpace space) {
        ByteBuffer buf = ByteBuffer.allocate(vectors.size() * space.dimension() * Float.BYTES);
        for (float[] f : vectors) {
            if (f.length != space.dimension()) {
                throw new IllegalArgumentException("sentence embedding has " + f.length + " dimensions; field '" + space.field()
                        + "' holds " + space.dimension() + "-d vectors");
            }
            buf.asFloatBuffer().put(f);
            buf.position(buf.position() + f.length * Float.BYTES);
        }
        return buf.array();
    }

    /** The sentence vectors stored with a chunk for one vector field (empty when it has none). */
    public static List<float[]> sentenceVectors(Document stored, String field, int dimension) {
        BytesRef b = stored.getBinaryValue(SENTENCE_VECTORS + field);
        List<float[]> out = new ArrayList<>();
        if (b == null) {
            return out;
        }
        FloatBuffer fb = ByteBuffer.wrap(b.bytes, b.offset, b.length).asFloatBuffer();
        while (fb.remaining() >= dimension) {
            float[] v = new float[dimension];
            fb.get(v);
            out.add(v);
        }
        return out;
    }

    private static void addMetadata(Document d, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Integer i) {
            d.add(new StoredField(STORED + key, i));
            d.add(new DoublePoint(NUMBER + key, i));
        } else if (value instanceof Long l) {
            d.add(new StoredField(STORED + key, l));
            d.add(new DoublePoint(NUMBER + key, l));
        } else if (value instanceof Float f) {
            d.add(new StoredField(STORED + key, f));
            d.add(new DoublePoint(NUMBER + key, f));
        } else if (value instanceof Double x) {
            d.add(new StoredField(STORED + key, x));
            d.add(new DoublePoint(NUMBER + key, x));
        } else if (value instanceof String || value instanceof UUID) {
            d.add(new StoredField(STORED + key, value.toString()));
            d.add(new StringField(STRING + key, value.toString(), Field.Store.NO));
        } else {
            throw new IllegalArgumentException("metadata '" + key + "' has unsupported type " + value.getClass().getSimpleName()
                    + " (use String, UUID, Integer, Long, Float or Double)");
        }
    }

    /** The metadata of a stored document, with the types it was added with. */
    public static Map<String, Object> metadata(Document stored) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (IndexableField f : stored.getFields()) {
            if (f.name().startsWith(STORED)) {
                Number n = f.numericValue();
                m.put(f.name().substring(STORED.length()), n != null ? n : f.stringValue());
            }
        }
        return m;
    }

    public static Query idQuery(String id) {
        return new TermQuery(new Term(ID, id));
    }

    /** The chunks whose string metadata {@code key} is exactly {@code value}. */
    public static Query stringQuery(String key, String value) {
        return new TermQuery(new Term(STRING + key, value));
    }

    /** The chunks of one file (by absolute path). */
    public static Query sourceQuery(String source) {
        return stringQuery(META_SOURCE, source);
    }
}
