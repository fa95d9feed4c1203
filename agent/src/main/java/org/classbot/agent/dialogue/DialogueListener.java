package org.classbot.agent.dialogue;

import org.classbot.agent.plan.Plan;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.StepResult;

/** Hears what the agent makes of each utterance: the plan, each step, the end, and control replies. */
public interface DialogueListener {

    /** The plan for an utterance (before anything runs). */
    default void planned(String utterance, Plan plan) {
    }

    /** One step ended. */
    default void step(int index, StepResult result) {
    }

    /** The plan ended. */
    default void done(String utterance, ExecutionReport report) {
    }

    /** A reply that is not a plan step: e-stop latched, reset, not understood, busy, ... */
    default void reply(String text) {
    }
}
