package org.classbot.agent.skill;

import java.util.List;

import org.classbot.agent.plan.Plan;

/**
 * Issue 9: asks the person before a big or unusual plan runs ("确认前进 5 米？/ Move 5 m — confirm?").
 * The console asks y/n, the dashboard shows a button, {@code classbot do --yes} answers yes for scripts.
 * Nothing moves until it returns true.
 */
@FunctionalInterface
public interface Confirmer {

    /** Says yes to everything: the old behaviour, and {@code classbot do --yes}. */
    Confirmer ALWAYS = (plan, prompts) -> true;

    /** Says no to everything: a non-interactive caller without {@code --yes}. */
    Confirmer NEVER = (plan, prompts) -> false;

    /** @param prompts one bilingual question per action that needs confirmation (never empty when called) */
    boolean confirm(Plan plan, List<String> prompts);
}
