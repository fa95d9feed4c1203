package org.classbot.knowledge.load;

import java.nio.file.Path;
import java.util.List;

final class PlainTextLoader implements DocumentLoader {
    @Override
    public LoadedDocument load(Path file, byte[] content) {
        SectionBuilder b = new SectionBuilder();
        b.append(Texts.decode(content));
        return new LoadedDocument(file, "txt", b.build());
    }

    static List<Section> sections(String text) {
        SectionBuilder b = new SectionBuilder();
        b.append(text);
        return b.build();
    }
}
