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

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok());
        m.put("steps", steps.stream().map(StepResult::toJson).toList());
        return m;
    }
}
