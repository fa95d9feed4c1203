package org.classbot.agent.dialogue;

import org.classbot.agent.plan.Plan;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.StepResult;

/**
 * Hears what the agent makes of each utterance: the plan, whether it waits for a yes, each step as it starts and
 * ends, the end, and control replies. The plan events carry the {@link Plan} itself (compare by identity), so a
 * listener such as the dashboard's plan panel never has to read the reply texts.
 */
public interface DialogueListener {

    /** The plan for an utterance (before anything runs). */
    default void planned(String utterance, Plan plan) {
    }

    /** {@code plan} waits for a yes; {@code question} is what was asked ("确认前进 5 米？/ Move forward 5 m — confirm?"). */
    default void awaiting(Plan plan, String question) {
    }

    /** The plan that waited for a yes was dropped (a no, another sentence, an e-stop): nothing of it moved. */
    default void notConfirmed(Plan plan) {
    }

    /** A queued plan was cancelled (stop, e-stop) before it started. */
    default void cancelled(Plan plan) {
    }

    /** Step {@code index} of {@code plan} starts. */
    default void started(Plan plan, int index, org.classbot.agent.plan.Action action) {
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
