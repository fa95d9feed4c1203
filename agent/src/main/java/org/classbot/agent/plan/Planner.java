package org.classbot.agent.plan;

/** Turns one utterance (Chinese or English, text) into a {@link Plan} of actions. Never moves anything. */
@FunctionalInterface
public interface Planner {

    /**
     * Plans one utterance. Input the planner does not understand gives an empty plan with a note,
     * never an exception.
     */
    Plan plan(String utterance);
}
