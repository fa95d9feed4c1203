package org.classbot.agent.skill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of running a plan: one result per action, in order. */
public record ExecutionReport(List<StepResult> steps) {

    public ExecutionReport {
        steps = List.copyOf(steps);
    }

    /** True when every action was done. */
    public boolean ok() {
        return steps.stream().allMatch(StepResult::ok);
    }

    /**
     * Why the whole plan was refused before anything moved (limits or no confirmation), with the bilingual
     * message; empty when it ran. Callers need not validate the plan themselves.
     */
    public java.util.Optional<String> refusal() {
        return !steps.isEmpty() && steps.stream().allMatch(s -> s.status() == StepResult.Status.REFUSED)
                ? java.util.Optional.of(steps.get(0).message()) : java.util.Optional.empty();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok());
        m.put("steps", steps.stream().map(StepResult::toJson).toList());
        return m;
    }
}
