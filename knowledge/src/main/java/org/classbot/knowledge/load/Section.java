package org.classbot.knowledge.load;

/**
 * A run of text from one place in a document: one page of a PDF, or the text under one heading.
 * Chunks never cross sections, so every chunk keeps an exact page and heading.
 *
 * @param text    plain text of the section
 * @param page    1-based page number, or 0 when the format has no pages
 * @param heading nearest heading above the text, or "" when there is none
 */
public record Section(String text, int page, String heading) {
    public Section {
        text = text == null ? "" : text;
        heading = heading == null ? "" : heading.strip();
    }
}
