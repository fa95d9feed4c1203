package org.classbot.agent.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.plan.PlanValidator;
import org.classbot.agent.plan.Planner;

/**
 * Plans with an LLM through LangChain4j {@link AiServices} and tools (one tool per action). The
 * actions the model calls are only recorded; the plan is then checked against the action schema and
 * {@link PlanLimits}. On any failure — server down, timeout, malformed reply, bad arguments, a plan
 * outside the limits, no tool called — the fallback planner (the offline one) answers, and the plan
 * says why in a note.
 */
public final class LlmPlanner implements Planner {

    public static final String NAME = "llm";

    private static final Logger log = LoggerFactory.getLogger(LlmPlanner.class);

    /** The LangChain4j AI service: its reply text is ignored, the tool calls are the plan. */
    interface PlanningAssistant {
        @SystemMessage("""
                You control a classroom robot. Turn the user's request (Chinese or English) into calls of the tools,
                in the order the user wants them done, and call nothing else. Units: metres and degrees.
                Positive distance = forward, negative = backward. Positive angle = left (counter-clockwise),
                negative = right. "turn right" without a number is -90; "turn around"/"掉头" is 180; "一圈"/a full
                circle is 360. After "stop" nothing else happens. Questions about the lab, rules, safety or the
                robot go to `answer` with the question as asked. "What do you see" goes to `describe_scene`.
                Places you may use with go_to: {{places}}.
                When you have called the tools, reply with the single word: done.""")
        String plan(@UserMessage String utterance, @V("places") String places);
    }

    private final ChatModel model;
    private final Planner fallback;
    private final PlanValidator validator;

    public LlmPlanner(ChatModel model, Planner fallback, PlanLimits limits) {
        this.model = Objects.requireNonNull(model, "model");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.validator = new PlanValidator(limits);
    }

    @Override
    public Plan plan(String utterance) {
        if (utterance == null || utterance.isBlank()) {
            return fallback.plan(utterance);
        }
        PlanningTools tools = new PlanningTools();
        try {
            PlanningAssistant assistant = AiServices.builder(PlanningAssistant.class)
                    .chatModel(model)
                    .tools(tools)
                    .maxSequentialToolsInvocations(validator.limits().maxActions() + 5)
                    .hallucinatedToolNameStrategy(req -> {
                        tools.error("unknown tool '" + req.name() + "'");
                        return dev.langchain4j.data.message.ToolExecutionResultMessage.from(req,
                                "error: there is no tool named " + req.name());
                    })
                    .build();
            assistant.plan(utterance.strip(), String.join(", ", validator.limits().places().names()));
        } catch (RuntimeException e) {
            return fallBack(utterance, "LLM 不可用 / the LLM failed: " + oneLine(e));
        }
        if (!tools.errors().isEmpty()) {
            return fallBack(utterance, "LLM 给出了无效的动作 / the LLM proposed invalid actions: " + String.join("; ", tools.errors()));
        }
        List<Action> actions = cutAfterStop(tools.actions());
        if (actions.isEmpty()) {
            return fallBack(utterance, "LLM 没有调用任何动作 / the LLM called no action");
        }
        List<String> violations = validator.violations(actions);
        if (!violations.isEmpty()) {
            return fallBack(utterance, "LLM 的计划超出安全限制 / the LLM's plan breaks the limits: " + String.join("; ", violations));
        }
        return new Plan(actions, List.of(), List.of(new Plan.Step(utterance.strip(), "llm.tool_calls", List.of(), actions)), NAME);
    }

    private Plan fallBack(String utterance, String why) {
        log.info("planning with the offline planner: {}", why);
        Plan offline = fallback.plan(utterance);
        List<String> notes = new ArrayList<>();
        notes.add(why + " → 改用离线规划 / used the offline planner");
        notes.addAll(offline.notes());
        return new Plan(offline.actions(), notes, offline.trace(), NAME + "→" + offline.planner());
    }

    private static List<Action> cutAfterStop(List<Action> actions) {
        List<Action> out = new ArrayList<>();
        for (Action a : actions) {
            out.add(a);
            if (a instanceof Action.Stop) {
                break;
            }
        }
        return out;
    }

    private static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        m = m.replaceAll("\\s*\\R\\s*", " ");
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
