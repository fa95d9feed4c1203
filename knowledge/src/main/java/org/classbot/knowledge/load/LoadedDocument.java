package org.classbot.knowledge.load;

import java.nio.file.Path;
import java.util.List;

/**
 * The text of one file, split into sections that carry page / heading metadata; {@code title} is the document's
 * first heading ("" when it has none), the top of a regulation's heading path.
 */
public record LoadedDocument(Path path, String format, List<Section> sections, String title) {
    public LoadedDocument {
        sections = List.copyOf(sections);
        title = title == null ? "" : title.strip();
    }

    public LoadedDocument(Path path, String format, List<Section> sections) {
        this(path, format, sections, "");
    }

    public boolean isBlank() {
        return sections.stream().allMatch(s -> s.text().isBlank());
    }
}
