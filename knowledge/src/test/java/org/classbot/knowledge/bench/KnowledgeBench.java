package org.classbot.knowledge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.apache.lucene.document.Document;

import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeOptions;
import org.classbot.knowledge.chunk.ChunkingOptions;
import org.classbot.knowledge.chunk.TextChunk;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.eval.RetrievalEval;
import org.classbot.knowledge.index.LuceneIndex;
import org.classbot.knowledge.langchain4j.LuceneEmbeddingStore;
import org.classbot.knowledge.load.DocumentLoaders;

/**
 * The knowledge benchmark (a plain main; run by {@code launch/scripts/bench-knowledge.sh}):
 * <ol>
 * <li>ingest throughput (load + chunk + embed with both models + index + commit per file) against the raw
 * embedding throughput of the same models on the same chunks;</li>
 * <li>vector query latency p50/p95 of the Lucene store (HNSW) against LangChain4j's {@link InMemoryEmbeddingStore}
 * (exact scan) on the same random 512-d vectors, at 10k and 100k chunks;</li>
 * <li>HNSW recall@10 against the exact top 10;</li>
 * <li>hybrid query latency (BM25 + HNSW + fusion, with query embedding) on the evaluation documents.</li>
 * </ol>
 * Arguments: sizes (default {@code 10000 100000}); {@code --data random|clustered|both} (default both): random unit
 * vectors are the worst case for HNSW, clustered ones (1,000 topics, cosine about 0.8 to their topic) look more
 * like real embeddings; {@code --skip-ingest} skips part 1.
 */
public final class KnowledgeBench {
    private static final int DIM = 512;
    private static final int QUERIES = 200;
    private static final int WARMUP = 50;

    private KnowledgeBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizeList = new ArrayList<>();
        String data = "both";
        boolean skipIngest = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--skip-ingest" -> skipIngest = true;
                default -> sizeList.add(Integer.parseInt(args[i]));
            }
        }
        int[] sizes = sizeList.isEmpty() ? new int[] {10_000, 100_000} : sizeList.stream().mapToInt(Integer::intValue).toArray();
        Path tmp = Files.createTempDirectory("classbot-bench");
        try {
            System.out.printf(Locale.ROOT, "machine: %d cores visible, Java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            if (!skipIngest) {
                ingestVsEmbedding(tmp);
            }
            for (int n : sizes) {
                if (!data.equals("clustered")) {
                    vectorSearch(tmp, n, false);
                }
                if (!data.equals("random")) {
                    vectorSearch(tmp, n, true);
                }
            }
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** 1 and 4: ingest vs raw embedding of the same chunks, and hybrid query latency on real text. */
    static void ingestVsEmbedding(Path tmp) throws Exception {
        // three copies of the evaluation documents under other names: about 250 chunks
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        List<Path> sources;
        try (Stream<Path> s = Files.list(RetrievalEval.documents())) {
            sources = s.sorted().toList();
        }
        for (int copy = 0; copy < 3; copy++) {
            for (Path p : sources) {
                Files.copy(p, docs.resolve(copy + "-" + p.getFileName()));
            }
        }
        List<String> texts = new ArrayList<>();
        List<String> sentences = new ArrayList<>(); // what ingest embeds besides the chunks (sentence vectors)
        for (Path p : Files.list(docs).sorted().toList()) {
            org.classbot.knowledge.load.LoadedDocument d = DocumentLoaders.load(p, Files.readAllBytes(p));
            String title = d.title().isEmpty() ? p.getFileName().toString().replaceFirst("\\.[^.]+$", "") : d.title();
            for (TextChunk c : ChunkingOptions.DEFAULT.chunker().chunk(title, d.sections())) { // as ingest cuts them
                texts.add(c.heading().isEmpty() ? c.text() : c.heading() + "\n" + c.text());
                sentences.addAll(org.classbot.knowledge.ingest.Ingestor.sentencesOf(c));
            }
        }
        Embedder zh = Embedder.bgeSmallZh();
        Embedder en = Embedder.bgeSmallEnQuantized();
        zh.embedAll(texts.subList(0, 32));
        en.embedAll(texts.subList(0, 32)); // warm up both models
        long t0 = System.nanoTime();
        zh.embedAll(texts);
        double zhS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        en.embedAll(texts);
        double enS = (System.nanoTime() - t0) / 1e9;
        double rawS = zhS + enS;
        t0 = System.nanoTime();
        zh.embedAll(sentences);
        en.embedAll(sentences);
        double sentenceS = (System.nanoTime() - t0) / 1e9;

        Path index = tmp.resolve("ingest-index");
        t0 = System.nanoTime();
        int chunks;
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            chunks = kb.ingest(List.of(docs)).chunksWritten();
        }
        double ingestS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%n[ingest] %d files, %d chunks%n", Files.list(docs).count(), chunks);
        System.out.printf(Locale.ROOT, "  raw embedding: bge-small-zh %.1f chunks/s, bge-small-en-q %.1f chunks/s, both %.1f chunks/s%n",
                texts.size() / zhS, texts.size() / enS, texts.size() / rawS);
        System.out.printf(Locale.ROOT, "  ingest (load+chunk+both embeddings+index+commit per file): %.1f chunks/s in %.1f s%n", chunks / ingestS, ingestS);
        System.out.printf(Locale.ROOT, "  ratio ingest / raw embedding throughput: %.2f (baseline: the chunks only, both models)%n",
                (chunks / ingestS) / (texts.size() / rawS));
        System.out.printf(Locale.ROOT, "  ratio ingest / raw embedding of everything ingest embeds (%d chunks + %d sentences, both models, %.1f s): %.2f%n",
                texts.size(), sentences.size(), rawS + sentenceS, (rawS + sentenceS) / ingestS);

        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            List<String> qs = RetrievalEval.questions().stream().map(RetrievalEval.Question::text).toList();
            for (String q : qs) {
                kb.search(q, 5);
            }
            double[] lat = new double[qs.size() * 2];
            int i = 0;
            for (int round = 0; round < 2; round++) {
                for (String q : qs) {
                    long s = System.nanoTime();
                    kb.search(q, 5);
                    lat[i++] = (System.nanoTime() - s) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "  hybrid search on %d chunks (question embedding + BM25 + HNSW + fusion), %d queries: p50 %.1f ms, p95 %.1f ms%n",
                    chunks, lat.length, pct(lat, 50), pct(lat, 95));
        }
    }

    /** 2 and 3: latency against the in-memory store and recall against exact search, on the same vectors. */
    static void vectorSearch(Path tmp, int n, boolean clustered) throws IOException {
        Random rnd = new Random(42);
        List<float[]> topics = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            topics.add(randomUnit(rnd));
        }
        List<float[]> vectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vectors.add(clustered ? near(topics.get(rnd.nextInt(topics.size())), rnd) : randomUnit(rnd));
        }
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES + WARMUP; i++) {
            queries.add(clustered ? near(topics.get(rnd.nextInt(topics.size())), rnd) : randomUnit(rnd));
        }
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString());
        }

        InMemoryEmbeddingStore<TextSegment> memory = new InMemoryEmbeddingStore<>();
        List<Embedding> embeddings = vectors.stream().map(Embedding::from).toList();
        List<TextSegment> segments = ids.stream().map(id -> TextSegment.from("chunk " + id)).toList();
        memory.addAll(ids, embeddings, segments);

        Path dir = tmp.resolve("vectors-" + n + (clustered ? "-clustered" : "-random"));
        long t0 = System.nanoTime();
        int batch = 50_000; // two transactions at 100k: each merge of segments rebuilds their HNSW graphs
        try (LuceneIndex index = LuceneIndex.open(dir, "random-512", DIM)) { // two transactions at 100k: each merge of segments rebuilds their HNSW graphs
            for (int from = 0; from < n; from += batch) {
                List<Document> docs = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + batch); i++) {
                    docs.add(index.document(ids.get(i), segments.get(i).text(), segments.get(i).text(), vectors.get(i), Map.of()));
                }
                index.replace(null, docs);
            }
            index.releaseWriter();
            double buildS = (System.nanoTime() - t0) / 1e9;
            LuceneEmbeddingStore lucene = new LuceneEmbeddingStore(index);

            double[] luceneMs = new double[QUERIES];
            double[] memoryMs = new double[QUERIES];
            double recall10 = 0;
            double recall10Wide = 0;
            for (int qi = 0; qi < QUERIES + WARMUP; qi++) {
                Embedding q = Embedding.from(queries.get(qi));
                long s = System.nanoTime();
                List<EmbeddingMatch<TextSegment>> l = lucene.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(10).build()).matches();
                long lt = System.nanoTime() - s;
                s = System.nanoTime();
                List<EmbeddingMatch<TextSegment>> m = memory.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(10).build()).matches();
                long mt = System.nanoTime() - s;
                if (qi >= WARMUP) {
                    luceneMs[qi - WARMUP] = lt / 1e6;
                    memoryMs[qi - WARMUP] = mt / 1e6;
                    Set<String> exact = new HashSet<>(m.stream().map(EmbeddingMatch::embeddingId).toList());
                    recall10 += l.stream().filter(x -> exact.contains(x.embeddingId())).count() / 10.0;
                    // what retrieval does: ask HNSW for 50 candidates, keep the best 10
                    List<EmbeddingMatch<TextSegment>> wide = lucene.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(50).build()).matches();
                    recall10Wide += wide.subList(0, Math.min(10, wide.size())).stream().filter(x -> exact.contains(x.embeddingId())).count() / 10.0;
                }
            }
            System.out.printf(Locale.ROOT, "%n[vectors] %,d %s unit vectors, %d-d (index build %.1f s, commit per %,d)%n", n,
                    clustered ? "clustered" : "random", DIM, buildS, batch);
            System.out.printf(Locale.ROOT, "  Lucene HNSW (LuceneEmbeddingStore) top-10: p50 %.2f ms, p95 %.2f ms%n", pct(luceneMs, 50), pct(luceneMs, 95));
            System.out.printf(Locale.ROOT, "  LangChain4j InMemoryEmbeddingStore top-10:  p50 %.2f ms, p95 %.2f ms%n", pct(memoryMs, 50), pct(memoryMs, 95));
            System.out.printf(Locale.ROOT, "  ratio in-memory / Lucene: p50 %.1fx, p95 %.1fx%n", pct(memoryMs, 50) / pct(luceneMs, 50),
                    pct(memoryMs, 95) / pct(luceneMs, 95));
            System.out.printf(Locale.ROOT, "  HNSW recall@10 vs exact: %.3f (k=10), %.3f (50 candidates, best 10)%n", recall10 / QUERIES, recall10Wide / QUERIES);
        }
        deleteRecursively(dir);
    }

    /** A unit vector about 0.8 cosine from {@code topic}. */
    private static float[] near(float[] topic, Random rnd) {
        float[] noise = randomUnit(rnd);
        float[] v = new float[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = 0.8f * topic[i] + 0.6f * noise[i];
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIM; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static float[] randomUnit(Random rnd) {
        float[] v = new float[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIM; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static double pct(double[] values, int p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
