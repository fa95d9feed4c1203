package org.classbot.knowledge;

/** A file held in the index: its name, absolute path, number of chunks and content hash (SHA-256). */
public record IndexedFile(String doc, String source, int chunks, String hash) {
}
