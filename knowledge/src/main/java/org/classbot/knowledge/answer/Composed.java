package org.classbot.knowledge.answer;

import java.util.List;

/** An answer text and the passage numbers (1-based, as given to the answerer) that it cites, in citation order. */
public record Composed(String text, List<Integer> cited) {
    public Composed {
        cited = List.copyOf(cited);
    }
}
