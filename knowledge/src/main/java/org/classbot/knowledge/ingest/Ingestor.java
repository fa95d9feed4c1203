package org.classbot.knowledge.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

import org.apache.lucene.document.Document;

import org.classbot.knowledge.FileOutcome;
import org.classbot.knowledge.IndexedFile;
import org.classbot.knowledge.IngestListener;
import org.classbot.knowledge.IngestReport;
import org.classbot.knowledge.chunk.Chunker;
import org.classbot.knowledge.chunk.SentenceSplitter;
import org.classbot.knowledge.chunk.TextChunk;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.index.Catalog;
import org.classbot.knowledge.index.ChunkSchema;
import org.classbot.knowledge.index.LuceneIndex;
import org.classbot.knowledge.index.VectorSpace;
import org.classbot.knowledge.load.DocumentLoadException;
import org.classbot.knowledge.load.DocumentLoaders;
import org.classbot.knowledge.load.LoadedDocument;

/**
 * Files in, chunks with vectors on disk: walks the paths, prepares each file (read, hash, parse, chunk — or
 * skip it), embeds groups of about {@value #EMBED_GROUP} chunks in one batch per model (chunks and their
 * sentences), and writes each file as its own transaction. Not thread-safe: the caller holds the write lock.
 */
public final class Ingestor {
    static final int EMBED_GROUP = 32;

    private final LuceneIndex index;
    private final Catalog catalog;
    private final Embedder embedder;
    private final Embedder english;
    private final Chunker chunker;
    private final long maxFileBytes;

    /** {@code english} may be null (no English vector field). */
    public Ingestor(LuceneIndex index, Catalog catalog, Embedder embedder, Embedder english, Chunker chunker, long maxFileBytes) {
        this.index = index;
        this.catalog = catalog;
        this.embedder = embedder;
        this.english = english;
        this.chunker = chunker;
        this.maxFileBytes = maxFileBytes;
    }

    /** What preparing a file gives: chunks waiting for their embeddings, or the outcome when nothing is to be written. */
    sealed interface Preparation permits Prepared, Skipped {
    }

    /** A file read, hashed, parsed and chunked, waiting for its embeddings. */
    record Prepared(Path file, String hash, boolean existed, List<TextChunk> chunks, List<String> contextual) implements Preparation {
    }

    /** A file that is not written: unchanged, or failed to load. */
    record Skipped(FileOutcome outcome) implements Preparation {
    }

    public IngestReport ingest(List<Path> paths, IngestListener listener) {
        long t0 = System.nanoTime();
        List<FileOutcome> outcomes = new ArrayList<>();
        Set<Path> files = new LinkedHashSet<>();
        List<Path> folders = new ArrayList<>();
        walk(paths, files, folders, outcomes);
        listener.started(files.size());
        try {
            // files are embedded in groups (the models are faster on batches) but written one transaction each
            List<Prepared> group = new ArrayList<>();
            int groupChunks = 0;
            for (Path f : files) {
                Preparation prep = prepare(f);
                if (prep instanceof Prepared p) {
                    group.add(p);
                    groupChunks += p.chunks().size();
                    if (groupChunks >= EMBED_GROUP) {
                        write(group, outcomes, listener);
                        groupChunks = 0;
                    }
                } else if (prep instanceof Skipped s) {
                    write(group, outcomes, listener);
                    groupChunks = 0;
                    outcomes.add(s.outcome());
                    listener.fileDone(s.outcome());
                }
            }
            write(group, outcomes, listener);
            removeVanished(folders, outcomes);
        } finally {
            index.releaseWriter();
        }
        return new IngestReport(outcomes, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The supported files under the paths, sorted per folder; unsupported and missing ones reported. */
    private void walk(List<Path> paths, Set<Path> files, List<Path> folders, List<FileOutcome> outcomes) {
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
    }

    /** Files indexed from an ingested folder that are no longer there. */
    private void removeVanished(List<Path> folders, List<FileOutcome> outcomes) {
        for (Path folder : folders) {
            String prefix = folder.toString().endsWith("/") ? folder.toString() : folder + "/";
            for (IndexedFile f : catalog.list()) {
                if (f.source().startsWith(prefix) && !Files.exists(Path.of(f.source()))) {
                    int n = catalog.remove(f.source());
                    outcomes.add(new FileOutcome(Path.of(f.source()), f.doc(), FileOutcome.Status.REMOVED, n, "no longer in the folder"));
                }
            }
        }
    }

    /** Reads, hashes and chunks a file. */
    Preparation prepare(Path file) {
        try {
            byte[] bytes = DocumentLoaders.read(file, maxFileBytes);
            String hash = sha256(bytes);
            Optional<IndexedFile> old = catalog.find(file.toString());
            if (old.isPresent() && old.get().hash().equals(hash)) {
                return new Skipped(new FileOutcome(file, name(file), FileOutcome.Status.UNCHANGED, old.get().chunks(), ""));
            }
            LoadedDocument loaded = DocumentLoaders.load(file, bytes);
            List<TextChunk> chunks = chunker.chunk(loaded.title().isEmpty() ? stem(file) : loaded.title(), loaded.sections());
            return new Prepared(file, hash, old.isPresent(), chunks, chunks.stream().map(Ingestor::withHeading).toList());
        } catch (DocumentLoadException e) {
            return new Skipped(new FileOutcome(file, name(file), FileOutcome.Status.FAILED, 0, e.getMessage()));
        }
    }

    /** Embeds a group of files in one batch per model, then writes each file as its own transaction; empties the group. */
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
                Map<String, float[]> v = englishVectors == null ? Map.of(VectorSpace.PRIMARY, vectors.get(at))
                        : Map.of(VectorSpace.PRIMARY, vectors.get(at), VectorSpace.ENGLISH, englishVectors.get(at));
                int ns = sentences.get(at).size();
                Map<String, List<float[]>> sv = new HashMap<>();
                sv.put(VectorSpace.PRIMARY, vectors.subList(sentenceAt, sentenceAt + ns));
                if (englishVectors != null) {
                    sv.put(VectorSpace.ENGLISH, englishVectors.subList(sentenceAt, sentenceAt + ns));
                }
                sentenceAt += ns;
                docs.add(index.document(chunkId(source, p.hash(), i), c.text(), p.contextual().get(i), v, sv,
                        metadata(doc, source, p.hash(), i, c)));
            }
            index.replace(ChunkSchema.sourceQuery(source), docs);
            FileOutcome o = new FileOutcome(p.file(), doc, p.existed() ? FileOutcome.Status.UPDATED : FileOutcome.Status.ADDED, docs.size(), "");
            outcomes.add(o);
            listener.fileDone(o);
        }
        group.clear();
    }

    static Map<String, Object> metadata(String doc, String source, String hash, int i, TextChunk c) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(ChunkSchema.META_FILE_NAME, doc);
        meta.put(ChunkSchema.META_SOURCE, source);
        meta.put(ChunkSchema.META_HASH, hash);
        meta.put(ChunkSchema.META_INDEX, i);
        meta.put(ChunkSchema.META_PAGE, c.page());
        meta.put(ChunkSchema.META_HEADING, c.heading());
        if (!c.parent().isEmpty()) {
            meta.put(ChunkSchema.META_PARENT, c.parent()); // only item chunks of the article strategy have one
        }
        return meta;
    }

    /** Stable per file content and position: re-ingesting the same bytes gives the same ids. */
    static String chunkId(String source, String hash, int i) {
        return UUID.nameUUIDFromBytes((source + '#' + hash + '#' + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The sentences of a chunk worth their own vector: none when the chunk is a single sentence. */
    public static List<String> sentencesOf(TextChunk c) {
        List<String> out = new ArrayList<>();
        for (String s : SentenceSplitter.withRunInHeadings(SentenceSplitter.split(c.text()))) {
            if (s.codePointCount(0, s.length()) >= 4 && !s.equals(c.heading())) {
                out.add(s);
            }
        }
        return out.size() < 2 ? List.of() : out;
    }

    /** The heading gives a chunk its context (for both BM25 and the embedding) unless the chunk starts with it. */
    static String withHeading(TextChunk c) {
        return c.heading().isEmpty() || c.text().startsWith(c.heading()) ? c.text() : c.heading() + "\n" + c.text();
    }

    /** The file name without its extension: the title of a document that has no heading. */
    static String stem(Path p) {
        String n = name(p);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String name(Path p) {
        Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
