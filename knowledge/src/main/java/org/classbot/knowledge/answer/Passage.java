package org.classbot.knowledge.answer;

/** A retrieved passage offered to an answerer, numbered from 1 as it will be cited. */
public record Passage(int number, String doc, String heading, String text) {
}
