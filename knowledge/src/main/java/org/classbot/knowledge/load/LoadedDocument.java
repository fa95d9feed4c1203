package org.classbot.knowledge.load;

import java.nio.file.Path;
import java.util.List;

/** The text of one file, split into sections that carry page / heading metadata. */
public record LoadedDocument(Path path, String format, List<Section> sections) {
    public LoadedDocument {
        sections = List.copyOf(sections);
    }

    public boolean isBlank() {
        return sections.stream().allMatch(s -> s.text().isBlank());
    }
}
