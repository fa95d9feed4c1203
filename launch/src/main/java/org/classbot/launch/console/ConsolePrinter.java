package org.classbot.launch.console;

import java.io.PrintWriter;

import org.classbot.agent.dialogue.DialogueListener;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.StepResult;

/** Prints the conversation on the console; lines from the worker and the reader never interleave. */
public final class ConsolePrinter implements DialogueListener {
    private final PrintWriter out;

    public ConsolePrinter(PrintWriter out) {
        this.out = out;
    }

    public synchronized void println(String s) {
        out.println(s);
        out.flush();
    }

    @Override
    public void planned(String utterance, Plan plan) {
        if (!plan.actions().isEmpty()) {
            println("计划 / plan (" + plan.planner() + "):\n" + PlanText.lines(plan).stripTrailing().indent(2).stripTrailing());
        }
    }

    @Override
    public void step(int index, StepResult r) {
        println(line(index, r));
    }

    @Override
    public void done(String utterance, ExecutionReport report) {
    }

    @Override
    public void reply(String text) {
        println(text);
    }

    /** One executed step as the console and {@code classbot do} print it: "✓ 1. move 0.5 m". */
    public static String line(int index, StepResult r) {
        String mark = switch (r.status()) {
            case DONE -> "✓";
            case CANCELLED, SKIPPED -> "–";
            default -> "✗";
        };
        return mark + " " + (index + 1) + ". " + r.message();
    }
}
