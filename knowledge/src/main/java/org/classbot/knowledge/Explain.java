package org.classbot.knowledge;

/**
 * The numbers behind one hit's place (for {@code --explain}).
 *
 * @param bm25Score   BM25 score of the keyword side (0 when no question term occurs in the passage)
 * @param bm25Rank    1-based rank in the BM25 list, 0 when not in it
 * @param cosine      cosine similarity between the question's and the passage's embeddings
 * @param vectorRank  1-based rank in the HNSW vector list, 0 when not in it
 * @param fusedScore  reciprocal-rank fusion: coverage/(k+bm25Rank) + w/(k+vectorRank) + 3/(k+sentenceRank),
 *                    coverage = share of the question's terms in the passage, w = the vector weight (2), k = 60
 * @param rerankScore the reranker's score, or null when no reranker is configured
 * @param sentenceCosine the best cosine between the question and one of the passage's sentences (or the passage)
 * @param sentenceRank   1-based rank among the examined passages by {@code sentenceCosine}, 0 when not ranked
 * @param translatedTerms for a cross-lingual question (dictionary translation on): the translated terms found in
 *                        this passage, e.g. [气瓶, 检验] for "How often must gas cylinders be inspected?"; else empty
 */
public record Explain(double bm25Score, int bm25Rank, double cosine, int vectorRank, double fusedScore, Double rerankScore,
                      double sentenceCosine, int sentenceRank, java.util.List<String> translatedTerms) {
    public Explain {
        translatedTerms = translatedTerms == null ? java.util.List.of() : java.util.List.copyOf(translatedTerms);
    }

    public Explain(double bm25Score, int bm25Rank, double cosine, int vectorRank, double fusedScore, Double rerankScore,
                   double sentenceCosine, int sentenceRank) {
        this(bm25Score, bm25Rank, cosine, vectorRank, fusedScore, rerankScore, sentenceCosine, sentenceRank, java.util.List.of());
    }

    /** " · 译词 translated: 气瓶, 检验" for {@code --explain}, or "" when no translated term matched. */
    public String translation() {
        return translatedTerms.isEmpty() ? "" : " · 译词 translated: " + String.join(", ", translatedTerms);
    }
}
