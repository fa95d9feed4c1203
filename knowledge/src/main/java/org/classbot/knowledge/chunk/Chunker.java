package org.classbot.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;

import org.classbot.knowledge.load.Section;

/** Cuts sections into chunks; a chunk never spans two sections. */
public interface Chunker {
    List<String> split(String text);

    /**
     * The chunks of a document whose first heading is {@code title} (the file name when it has none); only
     * structure-aware chunkers use the title (heading paths).
     */
    default List<TextChunk> chunk(String title, List<Section> sections) {
        return chunk(sections);
    }

    default List<TextChunk> chunk(List<Section> sections) {
        List<TextChunk> out = new ArrayList<>();
        for (Section s : sections) {
            for (String piece : split(s.text())) {
                if (!piece.isBlank()) {
                    out.add(new TextChunk(piece, s.page(), s.heading()));
                }
            }
        }
        return out;
    }
}
