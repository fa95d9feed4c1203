package org.classbot.knowledge.retrieve;

/**
 * Knobs of hybrid retrieval.
 *
 * @param candidates          how many hits each side (BM25, vectors) contributes before fusion
 * @param rrfK                the constant of reciprocal-rank fusion: score = sum of 1 / (rrfK + rank)
 * @param minCosine           relevance floor: a question is covered when a hit is at least this similar …
 * @param minKeywordCosine    … or when a hit shares at least {@code minKeywordCoverage} of the question's
 * @param minKeywordCoverage  terms and is at least {@code minKeywordCosine} similar
 * @param mode                HYBRID (default), BM25 only or VECTOR only (for comparisons)
 * @param rerankCandidates    how many fused hits a reranker re-scores (when one is configured)
 */
public record RetrievalOptions(int candidates, int rrfK, double minCosine, double minKeywordCosine,
                               double minKeywordCoverage, Mode mode, int rerankCandidates) {
    public enum Mode { HYBRID, BM25, VECTOR }

    public static final RetrievalOptions DEFAULT = new RetrievalOptions(50, 60, 0.60, 0.45, 0.5, Mode.HYBRID, 20);

    public RetrievalOptions {
        if (candidates < 1 || rrfK < 1 || rerankCandidates < 1) {
            throw new IllegalArgumentException("candidates, rrf_k and rerank candidates must be positive");
        }
        if (mode == null) {
            mode = Mode.HYBRID;
        }
    }

    public RetrievalOptions withMode(Mode m) {
        return new RetrievalOptions(candidates, rrfK, minCosine, minKeywordCosine, minKeywordCoverage, m, rerankCandidates);
    }

    public RetrievalOptions withFloor(double minCos, double minKwCos, double minKwCoverage) {
        return new RetrievalOptions(candidates, rrfK, minCos, minKwCos, minKwCoverage, mode, rerankCandidates);
    }
}
