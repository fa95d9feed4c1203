package org.classbot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import org.classbot.knowledge.answer.Composed;
import org.classbot.knowledge.answer.ExtractiveAnswerer;
import org.classbot.knowledge.answer.LlmAnswerer;
import org.classbot.knowledge.answer.Passage;
import org.classbot.knowledge.chunk.Chunker;
import org.classbot.knowledge.chunk.SentenceSplitter;
import org.classbot.knowledge.chunk.TextChunk;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.index.LuceneIndex;
import org.classbot.knowledge.index.VectorSpace;
import org.classbot.knowledge.langchain4j.HybridContentRetriever;
import org.classbot.knowledge.langchain4j.LuceneEmbeddingStore;
import org.classbot.knowledge.load.DocumentLoadException;
import org.classbot.knowledge.load.DocumentLoaders;
import org.classbot.knowledge.load.LoadedDocument;
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
    public static final String META_FILE_NAME = "file_name";
    public static final String META_SOURCE = "source";
    public static final String META_HASH = "hash";
    public static final String META_INDEX = "index";
    public static final String META_PAGE = "page";
    public static final String META_HEADING = HybridSearcher.HEADING;

    private final KnowledgeOptions options;
    private final Embedder embedder;
    private final Embedder english;
    private final LuceneIndex index;
    private final HybridSearcher searcher;
    private final Object writeLock = new Object();

    private KnowledgeBase(LuceneIndex index, Embedder embedder, Embedder english, KnowledgeOptions options) {
        this.index = index;
        this.embedder = embedder;
        this.english = english;
        this.options = options;
        this.searcher = new HybridSearcher(index, embedder, english, options.retrieval(), options.reranker());
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
        long t0 = System.nanoTime();
        synchronized (writeLock) {
            List<FileOutcome> outcomes = new ArrayList<>();
            Set<Path> files = new LinkedHashSet<>();
            List<Path> folders = new ArrayList<>();
            for (Path p : paths) {
                Path abs = p.toAbsolutePath().normalize();
                if (Files.isDirectory(abs)) {
                    folders.add(abs);
                    try (Stream<Path> walk = Files.walk(abs)) {
                        walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                                .filter(f -> !f.startsWith(index.path())) // an index kept inside the documents' folder
                                .sorted().forEach(f -> {
                                    if (DocumentLoaders.isSupported(f)) {
                                        files.add(f);
                                    } else {
                                        outcomes.add(new FileOutcome(f, name(f), FileOutcome.Status.SKIPPED, 0,
                                                "not a supported type (.txt .md .html .pdf .docx)"));
                                    }
                                });
                    } catch (IOException e) {
                        outcomes.add(new FileOutcome(abs, name(abs), FileOutcome.Status.FAILED, 0, "cannot list folder: " + e.getMessage()));
                    }
                } else if (Files.isRegularFile(abs)) {
                    files.add(abs);
                } else {
                    outcomes.add(new FileOutcome(abs, name(abs), FileOutcome.Status.FAILED, 0,
                            "no such file or folder (check the path)"));
                }
            }
            listener.started(files.size());
            try {
                // files are embedded in groups (the models are faster on batches) but written one transaction each
                List<Prepared> group = new ArrayList<>();
                int groupChunks = 0;
                for (Path f : files) {
                    Object p = prepare(f);
                    if (p instanceof Prepared prepared) {
                        group.add(prepared);
                        groupChunks += prepared.chunks().size();
                        if (groupChunks >= EMBED_GROUP) {
                            write(group, outcomes, listener);
                            group.clear();
                            groupChunks = 0;
                        }
                    } else {
                        write(group, outcomes, listener);
                        group.clear();
                        groupChunks = 0;
                        outcomes.add((FileOutcome) p);
                        listener.fileDone((FileOutcome) p);
                    }
                }
                write(group, outcomes, listener);
                for (Path folder : folders) {
                    String prefix = folder.toString().endsWith("/") ? folder.toString() : folder + "/";
                    for (IndexedFile f : list()) {
                        if (f.source().startsWith(prefix) && !Files.exists(Path.of(f.source()))) {
                            int n = index.delete(LuceneIndex.stringQuery(META_SOURCE, f.source()));
                            outcomes.add(new FileOutcome(Path.of(f.source()), f.doc(), FileOutcome.Status.REMOVED, n,
                                    "no longer in the folder"));
                        }
                    }
                }
            } finally {
                index.releaseWriter();
            }
            return new IngestReport(outcomes, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    private static final int EMBED_GROUP = 32;

    /** A file read, hashed, parsed and chunked, waiting for its embeddings. */
    private record Prepared(Path file, String hash, boolean existed, List<TextChunk> chunks, List<String> contextual) {
    }

    /** Reads, hashes and chunks a file: a {@link Prepared}, or the {@link FileOutcome} when there is nothing to write. */
    private Object prepare(Path file) {
        try {
            byte[] bytes = DocumentLoaders.read(file, options.maxFileBytes());
            String hash = sha256(bytes);
            Optional<IndexedFile> old = find(file.toString());
            if (old.isPresent() && old.get().hash().equals(hash)) {
                return new FileOutcome(file, name(file), FileOutcome.Status.UNCHANGED, old.get().chunks(), "");
            }
            LoadedDocument loaded = DocumentLoaders.load(file, bytes);
            Chunker chunker = options.chunking().chunker();
            List<TextChunk> chunks = chunker.chunk(loaded.sections());
            return new Prepared(file, hash, old.isPresent(), chunks, chunks.stream().map(KnowledgeBase::withHeading).toList());
        } catch (DocumentLoadException e) {
            return new FileOutcome(file, name(file), FileOutcome.Status.FAILED, 0, e.getMessage());
        }
    }

    /** Embeds a group of files in one batch per model, then writes each file as its own transaction. */
    private void write(List<Prepared> group, List<FileOutcome> outcomes, IngestListener listener) {
        if (group.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>();
        group.forEach(p -> texts.addAll(p.contextual()));
        // each chunk's sentences are embedded too: a paraphrased question often matches one sentence of a
        // passage better than the whole passage (the searcher scores a chunk by its best sentence as well)
        List<List<String>> sentences = new ArrayList<>();
        int chunkTexts = texts.size();
        for (Prepared p : group) {
            for (TextChunk c : p.chunks()) {
                List<String> ss = sentencesOf(c);
                sentences.add(ss);
                texts.addAll(ss);
            }
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<float[]> englishVectors = english == null ? null : english.embedAll(texts);
        int at = 0;
        int sentenceAt = chunkTexts;
        for (Prepared p : group) {
            String source = p.file().toString();
            String doc = name(p.file());
            List<Document> docs = new ArrayList<>(p.chunks().size());
            for (int i = 0; i < p.chunks().size(); i++, at++) {
                TextChunk c = p.chunks().get(i);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put(META_FILE_NAME, doc);
                meta.put(META_SOURCE, source);
                meta.put(META_HASH, p.hash());
                meta.put(META_INDEX, i);
                meta.put(META_PAGE, c.page());
                meta.put(META_HEADING, c.heading());
                String id = UUID.nameUUIDFromBytes((source + '#' + p.hash() + '#' + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
                Map<String, float[]> v = englishVectors == null ? Map.of(VectorSpace.PRIMARY, vectors.get(at))
                        : Map.of(VectorSpace.PRIMARY, vectors.get(at), VectorSpace.ENGLISH, englishVectors.get(at));
                int ns = sentences.get(at).size();
                Map<String, List<float[]>> sv = new HashMap<>();
                sv.put(VectorSpace.PRIMARY, vectors.subList(sentenceAt, sentenceAt + ns));
                if (englishVectors != null) {
                    sv.put(VectorSpace.ENGLISH, englishVectors.subList(sentenceAt, sentenceAt + ns));
                }
                sentenceAt += ns;
                docs.add(index.document(id, c.text(), p.contextual().get(i), v, sv, meta));
            }
            index.replace(LuceneIndex.stringQuery(META_SOURCE, source), docs);
            FileOutcome o = new FileOutcome(p.file(), doc, p.existed() ? FileOutcome.Status.UPDATED : FileOutcome.Status.ADDED, docs.size(), "");
            outcomes.add(o);
            listener.fileDone(o);
        }
    }

    /** The sentences of a chunk worth their own vector: none when the chunk is a single sentence. */
    private static List<String> sentencesOf(TextChunk c) {
        List<String> out = new ArrayList<>();
        for (String s : ExtractiveAnswerer.withRunInHeadings(SentenceSplitter.split(c.text()))) {
            if (s.codePointCount(0, s.length()) >= 4 && !s.equals(c.heading())) {
                out.add(s);
            }
        }
        return out.size() < 2 ? List.of() : out;
    }

    /** The heading gives a chunk its context (for both BM25 and the embedding) unless the chunk starts with it. */
    private static String withHeading(TextChunk c) {
        return c.heading().isEmpty() || c.text().startsWith(c.heading()) ? c.text() : c.heading() + "\n" + c.text();
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
        List<SearchHit> hits = hits(r);
        String mode = options.chatModel() != null ? "llm" : "extractive";
        if (!r.relevant() || hits.isEmpty()) {
            return new Answer(Answer.NOT_FOUND, List.of(), false, mode, "", hits);
        }
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            passages.add(new Passage(i + 1, h.doc(), h.heading(), h.text()));
        }
        String note = "";
        if (options.chatModel() != null) {
            try {
                Optional<Composed> c = new LlmAnswerer(options.chatModel()).answer(question, passages);
                if (c.isEmpty()) {
                    return new Answer(Answer.NOT_FOUND, List.of(), false, "llm", "", hits);
                }
                if (c.get().cited().isEmpty()) {
                    // the model marked no sources: list every passage it was given, and say so
                    List<Integer> all = new ArrayList<>();
                    for (int i = 1; i <= hits.size(); i++) {
                        all.add(i);
                    }
                    return new Answer(c.get().text(), citations(new Composed(c.get().text(), all), hits), true, "llm",
                            "the LLM marked no [n]; all passages it was given are listed / 模型未标注出处，列出全部参考段落", hits);
                }
                return new Answer(c.get().text(), citations(c.get(), hits), true, "llm", "", hits);
            } catch (RuntimeException e) {
                note = "LLM unavailable (" + oneLine(e) + "); extractive answer / 大模型不可用，已改用摘录回答";
            }
        }
        Composed c = new ExtractiveAnswerer(r.embedder(), index::terms, 3).answer(question, r.queryVector(), passages);
        if (c.cited().isEmpty()) {
            return new Answer(Answer.NOT_FOUND, List.of(), false, "extractive", note, hits);
        }
        return new Answer(c.text(), citations(c, hits), true, "extractive", note, hits);
    }

    private static List<Citation> citations(Composed c, List<SearchHit> hits) {
        List<Citation> out = new ArrayList<>();
        int n = 1;
        for (int p : c.cited()) {
            SearchHit h = hits.get(p - 1);
            out.add(new Citation(n++, h.doc(), h.text(), h.chunk(), h.page(), h.heading()));
        }
        return out;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    private static List<SearchHit> hits(Retrieval r) {
        List<SearchHit> out = new ArrayList<>();
        for (Candidate c : r.hits()) {
            Map<String, Object> m = c.metadata();
            out.add(new SearchHit(str(m.get(META_FILE_NAME)), str(m.get(META_SOURCE)), num(m.get(META_INDEX)), c.score(), c.text(),
                    num(m.get(META_PAGE)), str(m.get(META_HEADING)),
                    new Explain(c.bm25(), c.bm25Rank(), c.cosine(), c.vectorRank(), c.fused(), c.rerank(),
                            c.sentenceCosine(), c.sentenceRank())));
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
        return index.withSearcher(s -> {
            List<IndexedFile> out = new ArrayList<>();
            Terms terms = MultiTerms.getTerms(s.getIndexReader(), LuceneIndex.STRING + META_SOURCE);
            if (terms == null) {
                return out;
            }
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
                String source = t.utf8ToString();
                Query q = LuceneIndex.stringQuery(META_SOURCE, source);
                TopDocs top = s.search(q, 1);
                if (top.scoreDocs.length == 0) {
                    continue; // only deleted chunks left under this term
                }
                Map<String, Object> m = LuceneIndex.metadata(s.storedFields().document(top.scoreDocs[0].doc));
                out.add(new IndexedFile(str(m.get(META_FILE_NAME)), source, s.count(q), str(m.get(META_HASH))));
            }
            return out;
        });
    }

    private Optional<IndexedFile> find(String source) {
        return index.withSearcher(s -> {
            Query q = LuceneIndex.stringQuery(META_SOURCE, source);
            TopDocs top = s.search(q, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Map<String, Object> m = LuceneIndex.metadata(s.storedFields().document(top.scoreDocs[0].doc));
            return Optional.of(new IndexedFile(str(m.get(META_FILE_NAME)), source, s.count(q), str(m.get(META_HASH))));
        });
    }

    /**
     * The indexed files a target names: a file path, a folder path (every file under it) or a file name as
     * listed (when it names one file only).
     *
     * @throws KnowledgeBaseException when nothing matches or a file name is ambiguous
     */
    public List<IndexedFile> matching(String target) {
        if (target == null || target.isBlank()) {
            throw new KnowledgeBaseException("nothing to delete: give a file name or path as shown by 'classbot kb list'");
        }
        List<IndexedFile> all = list();
        String abs;
        try {
            abs = Path.of(target).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            abs = target;
        }
        String dirPrefix = abs.endsWith("/") ? abs : abs + "/";
        List<IndexedFile> match = new ArrayList<>();
        for (IndexedFile f : all) {
            if (f.source().equals(abs) || f.source().equals(target) || f.source().startsWith(dirPrefix)) {
                match.add(f);
            }
        }
        if (match.isEmpty()) {
            for (IndexedFile f : all) {
                if (f.doc().equals(target)) {
                    match.add(f);
                }
            }
            if (match.size() > 1) {
                throw new KnowledgeBaseException("'" + target + "' names " + match.size() + " files in the index ("
                        + String.join(", ", match.stream().map(IndexedFile::source).toList()) + "); pass the full path");
            }
        }
        if (match.isEmpty()) {
            throw new KnowledgeBaseException("no file '" + target + "' in index " + index.path()
                    + " (see 'classbot kb list' for what it holds)");
        }
        return match;
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
                    index.delete(LuceneIndex.stringQuery(META_SOURCE, f.source()));
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

    private static String name(Path p) {
        Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
