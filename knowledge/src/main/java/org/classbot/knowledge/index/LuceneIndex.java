package org.classbot.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import org.classbot.knowledge.KnowledgeBaseException;

/**
 * The one on-disk Lucene index of ClassBot: per chunk an id, a BM25 text field analysed by
 * {@link MixedAnalyzer}, an HNSW {@link KnnFloatVectorField} (cosine) and metadata (stored as {@code m.KEY},
 * strings also indexed as {@code s.KEY}, numbers as points {@code n.KEY} for filters).
 *
 * <p>Durability: every write is one transaction (deletes + adds + commit), so a crash leaves the last commit.
 * The embedding model's name and dimension live in the commit user data; opening with another model fails.
 * Searches use a {@link SearcherManager} over the last commit, so they keep working while a write runs;
 * the writer is opened only for writes and released afterwards so other processes can read and write.
 */
public final class LuceneIndex implements Closeable {
    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String VECTOR = VectorSpace.PRIMARY;
    public static final String STORED = "m.";
    public static final String STRING = "s.";
    public static final String NUMBER = "n.";
    static final String META_FORMAT = "classbot.index.format";
    /** 2: each chunk also stores its sentences' vectors ({@link #SENTENCE_VECTORS} + field). */
    static final String FORMAT = "2";
    /** Prefix of the stored (not indexed) field holding a chunk's sentence vectors of one vector field, concatenated. */
    public static final String SENTENCE_VECTORS = "sv.";

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer = new MixedAnalyzer();
    private final List<VectorSpace> spaces;
    private final SearcherManager searchers;
    private IndexWriter writer;

    private LuceneIndex(Path path, Directory directory, List<VectorSpace> spaces) throws IOException {
        this.path = path;
        this.directory = directory;
        this.spaces = List.copyOf(spaces);
        this.searchers = new SearcherManager(DirectoryReader.open(directory), null);
    }

    /** Opens (creating when absent) the index in {@code dir} for vectors of the named model. */
    public static LuceneIndex open(Path dir, String modelName, int dimension) {
        return open(dir, List.of(new VectorSpace(VectorSpace.PRIMARY, modelName, dimension)));
    }

    /** Opens (creating when absent) the index in {@code dir}; the first space must be the primary one. */
    public static LuceneIndex open(Path dir, List<VectorSpace> spaces) {
        if (spaces.isEmpty() || !spaces.get(0).field().equals(VectorSpace.PRIMARY)) {
            throw new IllegalArgumentException("the first vector space must be the primary field '" + VectorSpace.PRIMARY + "'");
        }
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs) && !Files.isDirectory(abs)) {
                throw new KnowledgeBaseException("index path " + abs + " is a file, not a folder; pass a folder to --index");
            }
            Files.createDirectories(abs);
            Directory d = FSDirectory.open(abs);
            try {
                if (DirectoryReader.indexExists(d)) {
                    checkModels(abs, d, spaces);
                } else {
                    try (Stream<Path> files = Files.list(abs)) {
                        if (files.anyMatch(p -> !p.getFileName().toString().equals("write.lock"))) {
                            throw new KnowledgeBaseException("folder " + abs + " is not a ClassBot index (it holds other files);"
                                    + " pass an empty or new folder to --index");
                        }
                    }
                    IndexWriter w = newWriter(abs, d, new MixedAnalyzer(), spaces);
                    w.commit();
                    w.close();
                }
                return new LuceneIndex(abs, d, spaces);
            } catch (RuntimeException | IOException e) {
                d.close();
                throw e;
            }
        } catch (IOException e) {
            throw new KnowledgeBaseException("cannot open index " + abs + ": " + e.getMessage()
                    + " (check the folder's permissions, or re-ingest into a new folder)", e);
        }
    }

    private static void checkModels(Path abs, Directory d, List<VectorSpace> spaces) throws IOException {
        Map<String, String> data = SegmentInfos.readLatestCommit(d).getUserData();
        if (!data.containsKey(META_FORMAT)) {
            throw new KnowledgeBaseException("folder " + abs + " holds a Lucene index that ClassBot did not create;"
                    + " use another --index folder");
        }
        if (!FORMAT.equals(data.get(META_FORMAT))) {
            throw new KnowledgeBaseException("index " + abs + " has ClassBot index format " + data.get(META_FORMAT) + ", but this ClassBot"
                    + " reads format " + FORMAT + " (chunks now carry sentence vectors); re-ingest your documents into a new index"
                    + " (delete the folder or pass another --index) / 索引格式已更新，请重新导入文档");
        }
        String built = describe(data);
        String wanted = describe(metaData(spaces));
        if (!built.equals(wanted)) {
            throw new KnowledgeBaseException("index " + abs + " was built with embedding model " + built
                    + ", but this ClassBot uses " + wanted + "; re-ingest your documents into a new index"
                    + " (delete the folder or pass another --index) / 索引与嵌入模型不一致，请重新导入文档");
        }
    }

    private static Map<String, String> metaData(List<VectorSpace> spaces) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(META_FORMAT, FORMAT);
        for (VectorSpace v : spaces) {
            data.put(v.metaPrefix() + ".model", v.model());
            data.put(v.metaPrefix() + ".dimension", Integer.toString(v.dimension()));
        }
        return data;
    }

    /** "'a' (512-d) + 'b' (384-d)" from commit user data, in field order. */
    private static String describe(Map<String, String> data) {
        List<String> parts = new ArrayList<>();
        data.keySet().stream().filter(k -> k.startsWith("classbot.embedding") && k.endsWith(".model")).sorted((a, b) -> a.length() - b.length())
                .forEach(k -> parts.add("'" + data.get(k) + "' (" + data.get(k.substring(0, k.length() - ".model".length()) + ".dimension") + "-d)"));
        return parts.isEmpty() ? "(none recorded)" : String.join(" + ", parts);
    }

    private static IndexWriter newWriter(Path abs, Directory d, Analyzer analyzer, List<VectorSpace> spaces) throws IOException {
        // a large buffer keeps big ingests in few segments: every merge rebuilds the HNSW graphs it merges
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false).setRAMBufferSizeMB(256);
        IndexWriter w;
        try {
            w = new IndexWriter(d, cfg);
        } catch (LockObtainFailedException e) {
            throw new KnowledgeBaseException("index " + abs + " is being written by another ClassBot process;"
                    + " wait until it finishes and try again", e);
        }
        w.setLiveCommitData(metaData(spaces).entrySet());
        return w;
    }

    public Path path() {
        return path;
    }

    /** The primary model's name. */
    public String modelName() {
        return spaces.get(0).model();
    }

    /** The primary model's dimension. */
    public int dimension() {
        return spaces.get(0).dimension();
    }

    public List<VectorSpace> spaces() {
        return spaces;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** One transaction: delete what {@code delete} matches (may be null), add {@code docs}, commit. */
    public synchronized void replace(Query delete, List<Document> docs) {
        IndexWriter w = writer();
        try {
            if (delete != null) {
                w.deleteDocuments(delete);
            }
            if (!docs.isEmpty()) {
                w.addDocuments(docs);
            }
            w.commit();
        } catch (IOException | RuntimeException e) {
            rollback();
            throw new KnowledgeBaseException("cannot write index " + path + ": " + e.getMessage(), e);
        }
        refresh();
    }

    /** Deletes in one transaction; returns how many chunks were removed. */
    public synchronized int delete(Query q) {
        int n = count(q);
        if (n > 0) {
            replace(q, List.of());
        }
        return n;
    }

    /** Closes the writer (keeping every commit) so that another process may write. */
    public synchronized void releaseWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                writer = null;
            }
        }
    }

    private IndexWriter writer() {
        if (writer == null) {
            try {
                writer = newWriter(path, directory, analyzer, spaces);
            } catch (IOException e) {
                throw new KnowledgeBaseException("cannot open index " + path + " for writing: " + e.getMessage(), e);
            }
        }
        return writer;
    }

    private void rollback() {
        try {
            if (writer != null) {
                writer.rollback();
            }
        } catch (IOException ignored) {
            // the last commit stays as it was
        } finally {
            writer = null;
        }
    }

    private void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Something done with a searcher over the latest commit. */
    @FunctionalInterface
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    public <T> T withSearcher(SearcherFunction<T> f) {
        try {
            searchers.maybeRefresh(); // picks up commits of other processes too
            IndexSearcher s = searchers.acquire();
            try {
                return f.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int count(Query q) {
        return withSearcher(s -> s.count(q));
    }

    /** A chunk document with a primary vector only (LangChain4j store entries). */
    public Document document(String id, String text, String indexedText, float[] vector, Map<String, ?> metadata) {
        return document(id, text, indexedText, Map.of(VectorSpace.PRIMARY, vector), metadata);
    }

    /**
     * A chunk document: id, text (stored as given, indexed as {@code indexedText}), one vector per space
     * (the primary one is required), metadata.
     */
    public Document document(String id, String text, String indexedText, Map<String, float[]> vectors, Map<String, ?> metadata) {
        return document(id, text, indexedText, vectors, Map.of(), metadata);
    }

    /**
     * A chunk document as above, plus per vector field the vectors of the chunk's sentences (stored only, read back
     * with {@link #sentenceVectors} to score a chunk by its best sentence).
     */
    public Document document(String id, String text, String indexedText, Map<String, float[]> vectors,
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
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(sv.size() * v.dimension() * Float.BYTES);
                for (float[] f : sv) {
                    if (f.length != v.dimension()) {
                        throw new IllegalArgumentException("sentence embedding has " + f.length + " dimensions; field '" + v.field()
                                + "' holds " + v.dimension() + "-d vectors");
                    }
                    buf.asFloatBuffer().put(f);
                    buf.position(buf.position() + f.length * Float.BYTES);
                }
                d.add(new StoredField(SENTENCE_VECTORS + v.field(), buf.array()));
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

    public static Query stringQuery(String key, String value) {
        return new TermQuery(new Term(STRING + key, value));
    }

    /** The stored primary vector of a document, read exactly (not from the HNSW graph). */
    public static float[] vector(IndexSearcher searcher, int docId) throws IOException {
        return vector(searcher, docId, VECTOR);
    }

    /** The stored vector of a document in a field, or null when it has none. */
    public static float[] vector(IndexSearcher searcher, int docId, String field) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
        if (values == null || values.advance(docId - leaf.docBase) != docId - leaf.docBase) {
            return null;
        }
        return values.vectorValue().clone();
    }

    /** The sentence vectors stored with a chunk for one vector field (empty when it has none). */
    public static List<float[]> sentenceVectors(Document stored, String field, int dimension) {
        org.apache.lucene.util.BytesRef b = stored.getBinaryValue(SENTENCE_VECTORS + field);
        List<float[]> out = new ArrayList<>();
        if (b == null) {
            return out;
        }
        java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(b.bytes, b.offset, b.length).asFloatBuffer();
        while (fb.remaining() >= dimension) {
            float[] v = new float[dimension];
            fb.get(v);
            out.add(v);
        }
        return out;
    }

    /** The distinct terms the analyzer makes of a text (for building BM25 queries and measuring overlap). */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Commit user data of the latest commit, for diagnostics. */
    public Map<String, String> commitData() {
        try {
            return new HashMap<>(SegmentInfos.readLatestCommit(directory).getUserData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            releaseWriter();
            searchers.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
