package org.classbot.knowledge.load;

import java.util.ArrayList;
import java.util.List;

/** Collects text under the current heading/page and cuts a new section when either changes. */
final class SectionBuilder {
    private final List<Section> sections = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private String heading = "";
    private String title = "";
    private int page;

    void append(String s) {
        text.append(s);
    }

    void newline() {
        int n = text.length();
        if (n > 0 && text.charAt(n - 1) != '\n') {
            text.append('\n');
        }
    }

    void heading(String h) {
        flush();
        // the heading is metadata of the section's chunks, and is prefixed to them for search
        heading = Texts.normalizeSpaces(h);
        if (title.isEmpty()) {
            title = heading;
        }
    }

    /** The first heading of the document, "" when there was none. */
    String title() {
        return title;
    }

    void page(int p) {
        flush();
        page = p;
    }

    private void flush() {
        String t = Texts.normalizeBlock(text.toString());
        if (!t.isBlank()) {
            sections.add(new Section(t, page, heading));
        }
        text.setLength(0);
    }

    List<Section> build() {
        flush();
        return sections;
    }
}
