package org.classbot.agent.skill;

import java.util.List;

/** Answers a question with the sources it rests on ({@code answer} action). */
@FunctionalInterface
public interface Answerer {

    Reply answer(String question);

    /**
     * @param text    the answer (citing sources as [1], [2], ...)
     * @param sources one line per cited source, numbered as cited
     * @param found   false when the knowledge base does not cover the question
     */
    record Reply(String text, List<String> sources, boolean found) {
        public Reply {
            sources = List.copyOf(sources);
        }
    }

    /** For a robot without a knowledge base: says so. */
    static Answerer none(String why) {
        return q -> new Reply("没有可用的知识库 / no knowledge base: " + why, List.of(), false);
    }
}
