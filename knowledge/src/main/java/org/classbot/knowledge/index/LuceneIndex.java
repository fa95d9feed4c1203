package org.classbot.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import org.classbot.knowledge.KnowledgeBaseException;

/**
 * The one on-disk Lucene index of ClassBot and its transactions. What a chunk document holds is
 * {@link ChunkSchema}'s business, the format number and model guard {@link IndexFormat}'s.
 *
 * <p>Durability: every write is one transaction (deletes + adds + commit), so a crash leaves the last commit.
 * Searches use a {@link SearcherManager} over the last commit, so they keep working while a write runs;
 * the writer is opened only for writes and released afterwards so other processes can read and write.
 */
public final class LuceneIndex implements Closeable {
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
                    IndexFormat.check(abs, d, spaces);
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
        w.setLiveCommitData(IndexFormat.commitData(spaces).entrySet());
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
        return ChunkSchema.document(spaces, id, text, indexedText, vectors, sentenceVectors, metadata);
    }

    /** The stored primary vector of a document, read exactly (not from the HNSW graph). */
    public static float[] vector(IndexSearcher searcher, int docId) throws IOException {
        return vector(searcher, docId, ChunkSchema.VECTOR);
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

    /** The distinct terms the analyzer makes of a text (for building BM25 queries and measuring overlap). */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(ChunkSchema.TEXT, text)) {
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
    /** Whether every analyzer term of {@code text} occurs in some indexed passage (an empty text: false). */
    public boolean occurs(String text) {
        List<String> ts = terms(text);
        if (ts.isEmpty()) {
            return false;
        }
        return withSearcher(s -> {
            for (String t : ts) {
                if (s.getIndexReader().docFreq(new org.apache.lucene.index.Term(ChunkSchema.TEXT, t)) == 0) {
                    return false;
                }
            }
            return true;
        });
    }

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
