package org.classbot.knowledge;

import java.util.List;

/**
 * An answer with its sources.
 *
 * @param answer    the text; cites passages as [1], [2] …; {@link #NOT_FOUND} when the documents do not cover it
 * @param citations the passages the answer rests on, numbered as cited
 * @param found     false when nothing relevant was found
 * @param mode      "extractive" (offline, sentences from the passages) or "llm" (generated, grounded in them)
 * @param note      why an LLM answer fell back to extractive, else ""
 * @param hits      the retrieved passages (with {@link Explain} numbers)
 */
public record Answer(String answer, List<Citation> citations, boolean found, String mode, String note, List<SearchHit> hits) {
    public static final String NOT_FOUND = "not found in the knowledge base / 知识库中没有找到相关内容";

    public Answer {
        citations = List.copyOf(citations);
        hits = List.copyOf(hits);
        note = note == null ? "" : note;
    }
}
