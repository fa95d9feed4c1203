package org.classbot.knowledge.chunk;

import java.util.Locale;

/**
 * How documents are cut into chunks.
 *
 * @param strategy  {@link Strategy#SENTENCE} packs whole sentences; {@link Strategy#FIXED} cuts every
 *                  {@code maxChars} characters; {@link Strategy#ARTICLE} makes each article (第N条) or numbered rule
 *                  its own chunk, packing long ones by sentences; {@link Strategy#AUTO} uses ARTICLE for documents
 *                  shaped like Chinese regulations (第N条, (一), ① lines) and SENTENCE for the others (the default)
 * @param maxChars  upper bound of a chunk's length in characters (a Chinese character counts as one)
 * @param overlap   characters repeated from the end of one chunk at the start of the next
 */
public record ChunkingOptions(Strategy strategy, int maxChars, int overlap) {
    public enum Strategy {
        SENTENCE, FIXED, ARTICLE, AUTO;

        public static Strategy parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unknown chunking strategy '" + s + "' (use sentence or fixed, article for regulations, or auto / 可用 sentence、fixed、article 或 auto)");
            }
        }
    }

    /** AUTO since issue 13: article chunks for regulation-shaped documents, sentence packing for the rest (knowledge/README.md). */
    public static final ChunkingOptions DEFAULT = new ChunkingOptions(Strategy.AUTO, 300, 60);

    public ChunkingOptions {
        if (strategy == null) {
            throw new IllegalArgumentException("chunking strategy is required");
        }
        if (maxChars < 20) {
            throw new IllegalArgumentException("chunk max_chars must be at least 20, got " + maxChars);
        }
        if (overlap < 0 || overlap >= maxChars) {
            throw new IllegalArgumentException("chunk overlap must be between 0 and max_chars-1 (" + (maxChars - 1) + "), got " + overlap);
        }
    }

    public Chunker chunker() {
        return switch (strategy) {
            case SENTENCE -> new SentenceChunker(maxChars, overlap);
            case ARTICLE -> new ArticleChunker(maxChars, overlap);
            case AUTO -> new AutoChunker(maxChars, overlap);
            case FIXED -> new FixedLengthChunker(maxChars, overlap);
        };
    }
}
