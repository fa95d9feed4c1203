package org.classbot.launch.web;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.classbot.agent.dialogue.DialogueListener;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.StepResult;

/** The last lines of the conversation (plans, steps, replies), numbered, for the dashboard to poll. */
public final class EventLog implements DialogueListener {

    private static final int KEEP = 300;

    private final Deque<Map<String, Object>> lines = new ArrayDeque<>();
    private long seq;

    @Override
    public void planned(String utterance, Plan plan) {
        add("you", utterance);
        for (int i = 0; i < plan.actions().size(); i++) {
            add("plan", (i + 1) + ". " + PlanText.describe(plan.actions().get(i)));
        }
    }

    @Override
    public void step(int index, StepResult result) {
        add(result.ok() ? "done" : result.status().name().toLowerCase(java.util.Locale.ROOT), (index + 1) + ". " + result.message());
    }

    @Override
    public void done(String utterance, ExecutionReport report) {
        add("end", report.ok() ? "完成 / done" : "未全部完成 / not all done");
    }

    @Override
    public void reply(String text) {
        add("robot", text);
    }

    public synchronized void add(String kind, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", ++seq);
        m.put("kind", kind);
        m.put("text", text);
        lines.addLast(m);
        while (lines.size() > KEEP) {
            lines.removeFirst();
        }
    }

    /** The lines after {@code after} (0 = all kept). */
    public synchronized List<Map<String, Object>> after(long after) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : lines) {
            if ((long) m.get("seq") > after) {
                out.add(m);
            }
        }
        return out;
    }
}
