package org.classbot.knowledge.chunk;

import java.util.Locale;

/**
 * How documents are cut into chunks.
 *
 * @param strategy  {@link Strategy#SENTENCE} (default) packs whole sentences; {@link Strategy#FIXED} cuts every
 *                  {@code maxChars} characters; {@link Strategy#ARTICLE} makes each article (第N条) or numbered rule
 *                  its own chunk, packing long ones by sentences
 * @param maxChars  upper bound of a chunk's length in characters (a Chinese character counts as one)
 * @param overlap   characters repeated from the end of one chunk at the start of the next
 */
public record ChunkingOptions(Strategy strategy, int maxChars, int overlap) {
    public enum Strategy {
        SENTENCE, FIXED, ARTICLE;

        public static Strategy parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("unknown chunking strategy '" + s + "' (use sentence or fixed, or article for regulations / 可用 sentence、fixed 或 article)");
            }
        }
    }

    public static final ChunkingOptions DEFAULT = new ChunkingOptions(Strategy.SENTENCE, 300, 60);

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
            case FIXED -> new FixedLengthChunker(maxChars, overlap);
        };
    }
}
