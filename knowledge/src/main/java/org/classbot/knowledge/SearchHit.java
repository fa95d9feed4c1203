package org.classbot.knowledge;

/**
 * One passage found for a query.
 *
 * @param doc     the file name as ingested, without directory
 * @param source  the absolute path of the file
 * @param chunk   0-based position of the passage in its file
 * @param score   the ranking score (fused, or reranked when a reranker is set)
 * @param text    the passage
 * @param page    1-based page (PDF), 0 when the format has no pages
 * @param heading the heading the passage sits under, "" when none
 */
public record SearchHit(String doc, String source, int chunk, double score, String text, int page, String heading,
                        Explain explain) {
}
