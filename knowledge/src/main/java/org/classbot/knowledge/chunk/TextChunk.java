package org.classbot.knowledge.chunk;

/** A piece of a section that is embedded and indexed on its own; page and heading come from its section. */
public record TextChunk(String text, int page, String heading) {
}
