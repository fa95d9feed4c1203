package org.classbot.knowledge.retrieve;

import java.util.List;
import java.util.Map;

/**
 * One retrieved chunk with every number behind its place.
 *
 * @param bm25       BM25 score (0 when no term matched)
 * @param bm25Rank   1-based rank in the BM25 list, 0 when absent
 * @param cosine     cosine similarity of question and chunk vectors (exact, not from the graph)
 * @param vectorRank 1-based rank in the HNSW list, 0 when absent
 * @param fused      reciprocal-rank-fusion score
 * @param rerank     reranker score, or null without a reranker
 * @param coverage   share of the question's terms found in the chunk (0..1)
 * @param sentenceCosine the best cosine of the question with one of the chunk's sentences, or with the chunk itself
 * @param sentenceRank   1-based rank of the chunk among the examined ones by {@code sentenceCosine}, 0 when not ranked
 * @param translated     the dictionary translation's terms that occur in the chunk (cross-lingual questions), else empty
 */
public record Candidate(String id, String text, Map<String, Object> metadata, double bm25, int bm25Rank, double cosine,
                        int vectorRank, double fused, Double rerank, double coverage,
                        double sentenceCosine, int sentenceRank, List<String> translated) {
    public Candidate {
        translated = translated == null ? List.of() : List.copyOf(translated);
    }

    public Candidate(String id, String text, Map<String, Object> metadata, double bm25, int bm25Rank, double cosine,
                     int vectorRank, double fused, Double rerank, double coverage, double sentenceCosine, int sentenceRank) {
        this(id, text, metadata, bm25, bm25Rank, cosine, vectorRank, fused, rerank, coverage, sentenceCosine, sentenceRank, List.of());
    }

    public double score() {
        return rerank != null ? rerank : fused;
    }

    Candidate withSentenceRank(int rank, double f) {
        return new Candidate(id, text, metadata, bm25, bm25Rank, cosine, vectorRank, f, rerank, coverage, sentenceCosine, rank, translated);
    }

    Candidate withText(String t) {
        return new Candidate(id, t, metadata, bm25, bm25Rank, cosine, vectorRank, fused, rerank, coverage, sentenceCosine, sentenceRank, translated);
    }

    Candidate withRerank(double r) {
        return new Candidate(id, text, metadata, bm25, bm25Rank, cosine, vectorRank, fused, r, coverage, sentenceCosine, sentenceRank, translated);
    }

    Candidate withTranslated(List<String> terms) {
        return new Candidate(id, text, metadata, bm25, bm25Rank, cosine, vectorRank, fused, rerank, coverage, sentenceCosine, sentenceRank, terms);
    }
}
