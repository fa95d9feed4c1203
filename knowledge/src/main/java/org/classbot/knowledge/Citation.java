package org.classbot.knowledge;

/** A numbered source of an answer: {@code [number]} in the answer text refers to this passage. */
public record Citation(int number, String doc, String text, int chunk, int page, String heading) {
}
