package org.classbot.knowledge.retrieve;

/**
 * Knobs of hybrid retrieval.
 *
 * @param candidates              how many hits each side (BM25, vectors) contributes before fusion
 * @param rrfK                    the constant of reciprocal-rank fusion: score = sum of w / (rrfK + rank)
 * @param vectorWeight            w of the vector side; the BM25 side's w is the share of question terms a passage holds
 * @param minCosine               relevance floor (primary model): a question is covered when a hit is at least this similar …
 * @param minKeywordCosine        … or when a hit shares at least {@code minKeywordCoverage} of the question's terms
 *                                and is at least this similar
 * @param minKeywordCoverage      see above (0..1)
 * @param englishMinCosine        the same two cosine floors for English questions, measured with the English model
 * @param englishMinKeywordCosine (its cosines run higher than bge-small-zh's)
 * @param mode                    HYBRID (default), BM25 only or VECTOR only (for comparisons)
 * @param rerankCandidates        how many fused hits a reranker re-scores (when one is configured)
 * @param bm25Gate                confidence gate of the BM25 side: its weight is scaled by min(1, separation / bm25Gate),
 *                                separation = (best BM25 score - 5th best) / best; an empty or near-tied BM25 list is no
 *                                evidence and leaves the vector ranking alone. 0 = off (the BM25 side always counts)
 * @param queryInstruction        Chinese questions are embedded with BGE's query instruction
 *                                ({@link #BGE_ZH_INSTRUCTION}, bge-small-zh-v1.5's retrieval prefix; passages never are)
 */
public record RetrievalOptions(int candidates, int rrfK, double vectorWeight, double minCosine, double minKeywordCosine, double minKeywordCoverage,
                               double englishMinCosine, double englishMinKeywordCosine, Mode mode, int rerankCandidates,
                               double bm25Gate, boolean queryInstruction) {
    public enum Mode { HYBRID, BM25, VECTOR }

    /** bge-small-zh-v1.5's instruction for short retrieval queries. */
    public static final String BGE_ZH_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    /** Floors measured on the evaluation set; BM25 gate 0.3 and no query instruction decided on both sets (knowledge/README.md). */
    public static final RetrievalOptions DEFAULT = new RetrievalOptions(50, 60, 2.0, 0.45, 0.35, 0.5, 0.58, 0.50, Mode.HYBRID, 20, 0.3, false);

    /** The knobs before the BM25 gate and the query instruction; those two come from {@link #DEFAULT}. */
    public RetrievalOptions(int candidates, int rrfK, double vectorWeight, double minCosine, double minKeywordCosine, double minKeywordCoverage,
                            double englishMinCosine, double englishMinKeywordCosine, Mode mode, int rerankCandidates) {
        this(candidates, rrfK, vectorWeight, minCosine, minKeywordCosine, minKeywordCoverage, englishMinCosine, englishMinKeywordCosine, mode,
                rerankCandidates, DEFAULT.bm25Gate(), DEFAULT.queryInstruction());
    }

    public RetrievalOptions {
        if (candidates < 1 || rrfK < 1 || rerankCandidates < 1) {
            throw new IllegalArgumentException("candidates, rrf_k and rerank candidates must be positive");
        }
        if (vectorWeight < 0) {
            throw new IllegalArgumentException("vector weight must not be negative, got " + vectorWeight);
        }
        if (bm25Gate < 0) {
            throw new IllegalArgumentException("bm25 gate must not be negative, got " + bm25Gate);
        }
        if (mode == null) {
            mode = Mode.HYBRID;
        }
    }

    public RetrievalOptions withMode(Mode m) {
        return new RetrievalOptions(candidates, rrfK, vectorWeight, minCosine, minKeywordCosine, minKeywordCoverage, englishMinCosine,
                englishMinKeywordCosine, m, rerankCandidates, bm25Gate, queryInstruction);
    }

    /** The same floor for both models (e.g. -2, -2, 0 turns it off). */
    public RetrievalOptions withFloor(double minCos, double minKwCos, double minKwCoverage) {
        return new RetrievalOptions(candidates, rrfK, vectorWeight, minCos, minKwCos, minKwCoverage, minCos, minKwCos, mode, rerankCandidates, bm25Gate, queryInstruction);
    }

    public RetrievalOptions withVectorWeight(double w) {
        return new RetrievalOptions(candidates, rrfK, w, minCosine, minKeywordCosine, minKeywordCoverage, englishMinCosine,
                englishMinKeywordCosine, mode, rerankCandidates, bm25Gate, queryInstruction);
    }

    public RetrievalOptions withCandidates(int n) {
        return new RetrievalOptions(n, rrfK, vectorWeight, minCosine, minKeywordCosine, minKeywordCoverage, englishMinCosine,
                englishMinKeywordCosine, mode, rerankCandidates, bm25Gate, queryInstruction);
    }

    public RetrievalOptions withBm25Gate(double gate) {
        return new RetrievalOptions(candidates, rrfK, vectorWeight, minCosine, minKeywordCosine, minKeywordCoverage, englishMinCosine,
                englishMinKeywordCosine, mode, rerankCandidates, gate, queryInstruction);
    }

    public RetrievalOptions withQueryInstruction(boolean on) {
        return new RetrievalOptions(candidates, rrfK, vectorWeight, minCosine, minKeywordCosine, minKeywordCoverage, englishMinCosine,
                englishMinKeywordCosine, mode, rerankCandidates, bm25Gate, on);
    }
}
