package org.classbot.knowledge.retrieve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;

import org.classbot.knowledge.chunk.Languages;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.index.ChunkSchema;
import org.classbot.knowledge.index.LuceneIndex;
import org.classbot.knowledge.index.VectorSpace;

/**
 * BM25 and HNSW vector search over the same index, fused by reciprocal rank, cut by a relevance floor,
 * optionally re-scored by any LangChain4j {@link ScoringModel}.
 */
public final class HybridSearcher {
    /** Metadata key of the heading a chunk sits under; it counts as chunk text for keyword overlap. */
    public static final String HEADING = ChunkSchema.META_HEADING;

    /** Examined closely (stored text, exact and sentence cosines): enough for the sentence list to lift a passage from far down. */
    private static final int MIN_EXAMINED = 100;
    /** Weight of the third ranked list: the examined passages ordered by their best sentence's (or whole) cosine. */
    public static final double SENTENCE_WEIGHT = 3;

    private final LuceneIndex index;
    private final Embedder embedder;
    private final Embedder english;
    private final RetrievalOptions options;
    private final ScoringModel reranker;
    private QueryTranslator translator;

    /**
     * @param embedder the primary model (field {@code vector}, every chunk)
     * @param english  the model of field {@code vector_en} used for English queries, or null to use the primary one
     */
    public HybridSearcher(LuceneIndex index, Embedder embedder, Embedder english, RetrievalOptions options, ScoringModel reranker) {
        this.index = index;
        this.embedder = embedder;
        this.english = english;
        this.options = options;
        this.reranker = reranker;
    }

    /** Cross-lingual questions: also search the question's dictionary translation and fuse (null = off). */
    public HybridSearcher withTranslator(QueryTranslator t) {
        this.translator = t;
        return this;
    }

    public RetrievalOptions options() {
        return options;
    }

    public Retrieval search(String query, int k) {
        return search(query, k, null, options);
    }

    public Retrieval search(String query, int k, Query filter, RetrievalOptions opts) {
        Retrieval r = single(query, k, filter, opts);
        if (translator == null) {
            return r;
        }
        String other = translator.translate(query, index::terms, index::occurs);
        if (other.isBlank()) {
            return r;
        }
        return matched(merge(r, single(other, k, filter, opts), k), other);
    }

    /** Each hit with the translated terms it holds (for {@code --explain}). */
    static Retrieval matched(Retrieval r, String translation) {
        List<String> terms = new ArrayList<>();
        for (String t : translation.split("[，\\s]+")) {
            if (!t.isBlank() && !terms.contains(t)) {
                terms.add(t);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : r.hits()) {
            String text = c.text().toLowerCase(java.util.Locale.ROOT);
            out.add(c.withTranslated(terms.stream().filter(t -> text.contains(t.toLowerCase(java.util.Locale.ROOT))).toList()));
        }
        return new Retrieval(r.query(), out, r.relevant(), r.queryVector(), r.embedder());
    }

    /** Weight of the translated question's list (measured: 1.0 cost Chinese paraphrases 0.82 → 0.73 on the project set). */
    static final double TRANSLATED_WEIGHT = 0.5;
    /** When only the translation finds something, its best passage must hold this share of the translated terms. */
    static final double TRANSLATED_MIN_COVERAGE = 0.5;

    /**
     * The two languages' lists fused by rank (reciprocal rank), each passage once, language-aware: each list is
     * trusted on passages in its own language. The question's list counts fully on passages in the question's
     * language and half on the others (its model reads them poorly); the translation's list — a bag of
     * dictionary words — does not count on passages in the question's language at all, and on the other
     * language's passages fully when its best passage holds most of the translated terms, else half.
     */
    static Retrieval merge(Retrieval a, Retrieval b, int k) {
        if (!b.relevant()) {
            return a;
        }
        boolean strong = !b.hits().isEmpty() && b.hits().get(0).coverage() >= TRANSLATED_MIN_COVERAGE;
        if (!a.relevant()) {
            // a translation alone is weak evidence (a bag of dictionary words): its best passage must hold most of them
            return strong ? new Retrieval(a.query(), b.hits(), true, b.queryVector(), b.embedder()) : a;
        }
        boolean zh = Languages.isChinese(a.query());
        Map<String, Double> score = new LinkedHashMap<>();
        Map<String, Candidate> byId = new LinkedHashMap<>();
        for (Retrieval r : List.of(a, b)) {
            for (int i = 0; i < r.hits().size(); i++) {
                Candidate c = r.hits().get(i);
                boolean own = Languages.isChinese(c.text()) == zh;
                double w = r == a ? (own ? 1.0 : TRANSLATED_WEIGHT) : (own ? 0 : strong ? 1.0 : TRANSLATED_WEIGHT);
                if (w > 0) {
                    score.merge(c.id(), w / (60 + i + 1), Double::sum);
                    byId.putIfAbsent(c.id(), c);
                }
            }
        }
        List<Candidate> out = new ArrayList<>(byId.values());
        out.sort((x, y) -> Double.compare(score.get(y.id()), score.get(x.id())));
        return new Retrieval(a.query(), out.subList(0, Math.min(k, out.size())), true, a.queryVector(), a.embedder());
    }

    private Retrieval single(String query, int k, Query filter, RetrievalOptions opts) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        boolean useEnglish = english != null && !Languages.isChinese(query);
        Embedder e = useEnglish ? english : embedder;
        String field = useEnglish ? VectorSpace.ENGLISH : VectorSpace.PRIMARY;
        // BGE's instruction for short Chinese queries (passages are embedded without it)
        float[] qv = !useEnglish && opts.queryInstruction() && Languages.isChinese(query)
                ? e.embed(RetrievalOptions.BGE_ZH_INSTRUCTION + query) : e.embedQuery(query);
        List<String> qTerms = index.terms(query);
        List<Candidate> fused = index.withSearcher(s -> fuse(s, field, qv, qTerms, filter, opts));
        boolean relevant = false;
        List<Candidate> kept = new ArrayList<>();
        double minCos = useEnglish ? opts.englishMinCosine() : opts.minCosine();
        double minKwCos = useEnglish ? opts.englishMinKeywordCosine() : opts.minKeywordCosine();
        for (Candidate c : fused) {
            boolean strong = passes(c, minCos, minKwCos, opts.minKeywordCoverage());
            relevant |= strong;
            if (strong || c.cosine() >= minKwCos || c.bm25Rank() > 0) {
                kept.add(c);
            }
        }
        if (!relevant) {
            return new Retrieval(query, List.of(), false, qv, e);
        }
        if (reranker != null) {
            kept = rerank(query, kept);
        }
        kept = withParents(kept);
        return new Retrieval(query, kept.subList(0, Math.min(k, kept.size())), true, qv, e);
    }

    /**
     * Parent/child: an item chunk is shown as its whole article (metadata {@code parent}), and the items of one
     * article found together are returned once, at the best item's place.
     */
    static List<Candidate> withParents(List<Candidate> hits) {
        Set<String> seen = new HashSet<>();
        List<Candidate> out = new ArrayList<>(hits.size());
        for (Candidate c : hits) {
            Object parent = c.metadata().get(ChunkSchema.META_PARENT);
            if (parent == null || parent.toString().isEmpty()) {
                out.add(c);
            } else if (seen.add(c.metadata().get(ChunkSchema.META_SOURCE) + "\n" + parent)) {
                out.add(c.withText(parent.toString()));
            }
        }
        return out;
    }

    /** The relevance floor for one hit. */
    static boolean passes(Candidate c, double minCos, double minKwCos, double minCoverage) {
        return c.cosine() >= minCos || (c.coverage() >= minCoverage && c.cosine() >= minKwCos);
    }

    private List<Candidate> fuse(IndexSearcher s, String field, float[] qv, List<String> qTerms, Query filter,
                                 RetrievalOptions o) throws IOException {
        Map<Integer, double[]> bm25 = new LinkedHashMap<>(); // doc -> {score, rank}
        if (o.mode() != RetrievalOptions.Mode.VECTOR && !qTerms.isEmpty()) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String t : qTerms) {
                b.add(new TermQuery(new Term(ChunkSchema.TEXT, t)), BooleanClause.Occur.SHOULD);
            }
            Query q = b.build();
            if (filter != null) {
                q = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
            }
            TopDocs top = s.search(q, o.candidates());
            for (int i = 0; i < top.scoreDocs.length; i++) {
                bm25.put(top.scoreDocs[i].doc, new double[] {top.scoreDocs[i].score, i + 1});
            }
        }
        Map<Integer, Integer> vecRank = new LinkedHashMap<>();
        if (o.mode() != RetrievalOptions.Mode.BM25) {
            TopDocs top = s.search(new KnnFloatVectorQuery(field, qv, o.candidates(), filter), o.candidates());
            ScoreDoc[] sd = top.scoreDocs;
            for (int i = 0; i < sd.length; i++) {
                vecRank.put(sd[i].doc, i + 1);
            }
        }
        double gate = bm25Confidence(bm25.values().stream().map(x -> x[0]).toList(), o.bm25Gate());
        Set<Integer> docs = new HashSet<>(bm25.keySet());
        docs.addAll(vecRank.keySet());
        Map<Integer, Double> coverage = coverage(s, docs, qTerms);
        Map<Integer, Double> fusedScores = new LinkedHashMap<>();
        for (int doc : docs) {
            double[] b = bm25.get(doc);
            Integer vr = vecRank.get(doc);
            double cov = coverage.get(doc);
            // a keyword hit counts as much as the share of the question's terms it contains: a passage that
            // shares one common word with a paraphrased question must not outvote the vector side
            // and the whole BM25 side counts only as much as its list is confident (see bm25Confidence)
            fusedScores.put(doc, (b == null ? 0 : gate * cov / (o.rrfK() + b[1])) + (vr == null ? 0 : o.vectorWeight() / (o.rrfK() + vr)));
        }
        // only the head of the fused list is looked at closely (stored text, exact cosine, term overlap)
        List<Integer> head = fusedScores.keySet().stream()
                .sorted(Comparator.comparingDouble((Integer d) -> fusedScores.get(d)).reversed().thenComparingInt(d -> d))
                .limit(Math.max(MIN_EXAMINED, o.rerankCandidates())).toList();
        int dim = index.spaces().stream().filter(v -> v.field().equals(field)).findFirst().orElseThrow().dimension();
        List<Candidate> out = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        for (int doc : head) {
            double[] b = bm25.get(doc);
            Integer vr = vecRank.get(doc);
            double fusedScore = fusedScores.get(doc);
            Document d = s.storedFields().document(doc);
            String text = d.get(ChunkSchema.TEXT);
            Map<String, Object> meta = ChunkSchema.metadata(d);
            float[] v = LuceneIndex.vector(s, doc, field);
            double cos = v == null ? 0 : Embedder.cosine(qv, v);
            double bestCos = cos;
            for (float[] sv : ChunkSchema.sentenceVectors(d, field, dim)) {
                bestCos = Math.max(bestCos, Embedder.cosine(qv, sv));
            }
            out.add(new Candidate(d.get(ChunkSchema.ID), text, meta, b == null ? 0 : b[0], b == null ? 0 : (int) b[1], cos,
                    vr == null ? 0 : vr, fusedScore, null, coverage.get(doc), bestCos, 0));
            best.add(bestCos);
        }
        if (o.mode() != RetrievalOptions.Mode.BM25 && SENTENCE_WEIGHT > 0) {
            // multi-vector scoring, a third ranked list: the examined passages by their best sentence (or whole) cosine;
            // a passage with one sentence saying what the question asks gains rank even when the rest is about other rules
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> best.get(i)).reversed());
            for (int r = 0; r < order.size(); r++) {
                int i = order.get(r);
                out.set(i, out.get(i).withSentenceRank(r + 1, out.get(i).fused() + SENTENCE_WEIGHT / (o.rrfK() + r + 1)));
            }
        }
        out.sort(Comparator.comparingDouble(Candidate::fused).reversed()
                .thenComparing(Comparator.comparingDouble(Candidate::cosine).reversed()));
        return out;
    }

    /**
     * How much the BM25 list is evidence, 0..1: none when it is empty; otherwise the separation of its best score
     * from its 5th (or last) one, (s1 - s5) / s1, divided by {@code gate} and capped at 1. A list of near-ties (a
     * common word found everywhere, no question word found at all) then cannot reorder the vector ranking.
     * {@code gate} 0 turns the gate off (always 1).
     */
    static double bm25Confidence(List<Double> scores, double gate) {
        if (gate <= 0) {
            return 1;
        }
        if (scores.isEmpty() || scores.get(0) <= 0) {
            return 0;
        }
        if (scores.size() == 1) {
            return 1;
        }
        double s1 = scores.get(0);
        double s5 = scores.get(Math.min(4, scores.size() - 1));
        return Math.min(1, (s1 - s5) / s1 / gate);
    }

    /**
     * Share of the question's distinct terms that occur in each passage (heading included), read from the
     * postings: per term, the iterator only advances to the candidate documents.
     */
    private static Map<Integer, Double> coverage(IndexSearcher s, Set<Integer> docs, List<String> qTerms) throws IOException {
        Map<Integer, Double> out = new HashMap<>();
        docs.forEach(d -> out.put(d, 0.0));
        if (qTerms.isEmpty() || docs.isEmpty()) {
            return out;
        }
        int[] sorted = docs.stream().mapToInt(Integer::intValue).sorted().toArray();
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        for (String t : qTerms) {
            Weight w = s.createWeight(new TermQuery(new Term(ChunkSchema.TEXT, t)), ScoreMode.COMPLETE_NO_SCORES, 1);
            int leafIdx = -1;
            DocIdSetIterator it = null;
            for (int doc : sorted) {
                int li = ReaderUtil.subIndex(doc, leaves);
                LeafReaderContext leaf = leaves.get(li);
                if (li != leafIdx) {
                    leafIdx = li;
                    Scorer sc = w.scorer(leaf);
                    it = sc == null ? null : sc.iterator();
                }
                if (it == null) {
                    continue;
                }
                int target = doc - leaf.docBase;
                int at = it.docID() >= target ? it.docID() : it.advance(target);
                if (at == target) {
                    out.merge(doc, 1.0 / qTerms.size(), Double::sum);
                }
            }
        }
        return out;
    }

    private List<Candidate> rerank(String query, List<Candidate> hits) {
        int n = Math.min(options.rerankCandidates(), hits.size());
        List<Candidate> head = hits.subList(0, n);
        List<TextSegment> segments = head.stream().map(c -> TextSegment.from(c.text(), Metadata.from(c.metadata()))).toList();
        List<Double> scores = reranker.scoreAll(segments, query).content();
        if (scores.size() != n) {
            throw new IllegalStateException("reranker returned " + scores.size() + " scores for " + n + " passages");
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(head.get(i).withRerank(scores.get(i)));
        }
        out.sort(Comparator.comparingDouble(Candidate::score).reversed());
        out.addAll(hits.subList(n, hits.size()));
        return out;
    }
}
