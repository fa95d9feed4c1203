package org.classbot.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;

import org.classbot.knowledge.answer.AnswerService;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.index.Catalog;
import org.classbot.knowledge.index.ChunkSchema;
import org.classbot.knowledge.index.LuceneIndex;
import org.classbot.knowledge.index.VectorSpace;
import org.classbot.knowledge.ingest.Ingestor;
import org.classbot.knowledge.langchain4j.HybridContentRetriever;
import org.classbot.knowledge.langchain4j.LuceneEmbeddingStore;
import org.classbot.knowledge.retrieve.Candidate;
import org.classbot.knowledge.retrieve.HybridSearcher;
import org.classbot.knowledge.retrieve.Retrieval;

/**
 * ClassBot's knowledge base: lab documents in, cited answers out. One Lucene index on disk (BM25 + HNSW).
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(Path.of("index"))) {
 *     kb.ingest(List.of(Path.of("docs")));
 *     Answer a = kb.ask("实验室里可以吃东西吗？");
 * }
 * }</pre>
 *
 * Thread-safe: searches and questions run while an ingest is under way (they see the last committed file).
 */
public final class KnowledgeBase implements AutoCloseable {
    /** Metadata keys every ClassBot chunk carries (also usable in LangChain4j filters). */
    public static final String META_FILE_NAME = ChunkSchema.META_FILE_NAME;
    public static final String META_SOURCE = ChunkSchema.META_SOURCE;
    public static final String META_HASH = ChunkSchema.META_HASH;
    public static final String META_INDEX = ChunkSchema.META_INDEX;
    public static final String META_PAGE = ChunkSchema.META_PAGE;
    public static final String META_HEADING = ChunkSchema.META_HEADING;

    private final KnowledgeOptions options;
    private final Embedder embedder;
    private final Embedder english;
    private final LuceneIndex index;
    private final HybridSearcher searcher;
    private final Catalog catalog;
    private final Ingestor ingestor;
    private final AnswerService answers;
    private final Object writeLock = new Object();

    private KnowledgeBase(LuceneIndex index, Embedder embedder, Embedder english, KnowledgeOptions options) {
        this.index = index;
        this.embedder = embedder;
        this.english = english;
        this.options = options;
        this.searcher = new HybridSearcher(index, embedder, english, options.retrieval(), options.reranker())
                .withTranslator(options.translator());
        this.catalog = new Catalog(index);
        this.ingestor = new Ingestor(index, catalog, embedder, english, options.chunking().chunker(), options.maxFileBytes());
        this.answers = new AnswerService(options.chatModel(), index::terms);
    }

    /** Opens the index in {@code indexDir} (created when absent) with the default options. */
    public static KnowledgeBase open(Path indexDir) {
        return open(indexDir, KnowledgeOptions.defaults());
    }

    /**
     * Opens the index in {@code indexDir} (created when absent).
     *
     * @throws KnowledgeBaseException when the folder is not a ClassBot index or was built with another embedding model
     */
    public static KnowledgeBase open(Path indexDir, KnowledgeOptions options) {
        Embedder e = options.embedder();
        Embedder en = options.englishEmbedder();
        List<VectorSpace> spaces = new ArrayList<>();
        spaces.add(new VectorSpace(VectorSpace.PRIMARY, e.name(), e.dimension()));
        if (en != null) {
            spaces.add(new VectorSpace(VectorSpace.ENGLISH, en.name(), en.dimension()));
        }
        return new KnowledgeBase(LuceneIndex.open(indexDir, spaces), e, en, options);
    }

    public Path indexPath() {
        return index.path();
    }

    /** The embedding model names as stored in the index (primary first). */
    public List<String> embeddingModels() {
        return english == null ? List.of(embedder.name()) : List.of(embedder.name(), english.name());
    }

    public IngestReport ingest(List<Path> paths) {
        return ingest(paths, IngestListener.NONE);
    }

    /**
     * Adds or updates files and folders (recursively; .txt .md .html .pdf .docx). Each file is one
     * transaction: unchanged content is skipped, a changed file replaces its old chunks, a file that
     * cannot be read is reported and the others go on. Files that disappeared from an ingested folder
     * are removed from the index.
     */
    public IngestReport ingest(List<Path> paths, IngestListener listener) {
        synchronized (writeLock) {
            return ingestor.ingest(paths, listener);
        }
    }

    /** The best passages for a query, best first; empty when nothing passes the relevance floor. */
    public List<SearchHit> search(String query, int k) {
        return hits(retrieve(query, k));
    }

    /** The best passages for each query, in order (for batch search). */
    public List<List<SearchHit>> searchAll(List<String> queries, int k) {
        List<List<SearchHit>> out = new ArrayList<>(queries.size());
        for (String q : queries) {
            out.add(search(q, k));
        }
        return out;
    }

    /** Retrieval with all numbers (used by {@link #search} and by evaluations). */
    public Retrieval retrieve(String query, int k) {
        if (query == null || query.isBlank()) {
            throw new KnowledgeBaseException("the query is empty; give a question or some words to search for");
        }
        if (k < 1 || k > 1000) {
            throw new KnowledgeBaseException("k must be between 1 and 1000, got " + k);
        }
        return searcher.search(query.strip(), k);
    }

    /** An answer with numbered citations; {@link Answer#NOT_FOUND} when the documents do not cover the question. */
    public Answer ask(String question) {
        Retrieval r = retrieve(question, options.answerPassages());
        return answers.answer(question, r, hits(r));
    }

    private static List<SearchHit> hits(Retrieval r) {
        List<SearchHit> out = new ArrayList<>();
        for (Candidate c : r.hits()) {
            Map<String, Object> m = c.metadata();
            out.add(new SearchHit(str(m.get(META_FILE_NAME)), str(m.get(META_SOURCE)), num(m.get(META_INDEX)), c.score(), c.text(),
                    num(m.get(META_PAGE)), str(m.get(META_HEADING)),
                    new Explain(c.bm25(), c.bm25Rank(), c.cosine(), c.vectorRank(), c.fused(), c.rerank(),
                            c.sentenceCosine(), c.sentenceRank(), c.translated())));
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static int num(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    /** The files in the index, by path. */
    public List<IndexedFile> list() {
        return catalog.list();
    }

    /**
     * The indexed files a target names: a file path, a folder path (every file under it) or a file name as
     * listed (when it names one file only).
     *
     * @throws KnowledgeBaseException when nothing matches or a file name is ambiguous
     */
    public List<IndexedFile> matching(String target) {
        return catalog.matching(target);
    }

    /**
     * Removes files from the index (the files themselves stay): those {@link #matching(String)} names.
     *
     * @return the files removed
     * @throws KnowledgeBaseException when nothing matches or a file name is ambiguous
     */
    public List<IndexedFile> delete(String target) {
        synchronized (writeLock) {
            List<IndexedFile> match = matching(target);
            try {
                for (IndexedFile f : match) {
                    catalog.remove(f.source());
                }
            } finally {
                index.releaseWriter();
            }
            return match;
        }
    }

    /** The index as a LangChain4j embedding store (same index, same model dimension). */
    public EmbeddingStore<TextSegment> embeddingStore() {
        return new LuceneEmbeddingStore(index);
    }

    /** The hybrid retriever as a LangChain4j content retriever returning the {@code k} best passages. */
    public ContentRetriever contentRetriever(int k) {
        return new HybridContentRetriever(searcher, k);
    }

    @Override
    public void close() {
        index.close();
    }

}
