package org.classbot.agent.skill;

import java.util.LinkedHashMap;
import java.util.Map;

import org.classbot.agent.plan.Action;

/**
 * What happened to one action.
 *
 * @param action  the action
 * @param status  DONE, FAILED, CANCELLED (a stop came), SKIPPED (an earlier step failed), REFUSED (the plan broke a limit)
 * @param message for people: what was done or why not
 * @param elapsedMillis how long it ran
 */
public record StepResult(Action action, Status status, String message, long elapsedMillis) {

    public enum Status { DONE, FAILED, CANCELLED, SKIPPED, REFUSED }

    public boolean ok() {
        return status == Status.DONE;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        m.put("message", message);
        m.put("elapsed_ms", elapsedMillis);
        return m;
    }
}
