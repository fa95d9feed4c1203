package org.classbot.knowledge.retrieve;

import java.util.List;

/** The hits for one query, best first; {@code relevant} is false when they fall below the relevance floor. */
public record Retrieval(String query, List<Candidate> hits, boolean relevant, float[] queryVector) {
    public Retrieval {
        hits = List.copyOf(hits);
    }
}
