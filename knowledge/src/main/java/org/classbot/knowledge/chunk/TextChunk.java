package org.classbot.knowledge.chunk;

/**
 * A piece of a section that is embedded and indexed on its own; page and heading come from its section.
 *
 * @param parent the whole article an item chunk belongs to (parent/child retrieval: the item is found, the
 *               article is shown), or "" when the chunk stands alone
 */
public record TextChunk(String text, int page, String heading, String parent) {
    public TextChunk {
        parent = parent == null ? "" : parent;
    }

    public TextChunk(String text, int page, String heading) {
        this(text, page, heading, "");
    }
}
