package org.classbot.knowledge.retrieve;

import java.util.List;

import org.classbot.knowledge.embed.Embedder;

/**
 * The hits for one query, best first; {@code relevant} is false when they fall below the relevance floor.
 * {@code queryVector} was made by {@code embedder} (the model of the vector field that was searched).
 */
public record Retrieval(String query, List<Candidate> hits, boolean relevant, float[] queryVector, Embedder embedder) {
    public Retrieval {
        hits = List.copyOf(hits);
    }
}
