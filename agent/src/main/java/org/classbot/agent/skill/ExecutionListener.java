package org.classbot.agent.skill;

import org.classbot.agent.plan.Action;

/** Hears each step as it starts and ends (console and dashboard print these). */
public interface ExecutionListener {

    default void started(int index, Action action) {
    }

    void finished(int index, StepResult result);

    ExecutionListener NONE = (i, r) -> { };
}
