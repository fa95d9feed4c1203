package org.classbot.agent.plan;

import java.util.ArrayList;
import java.util.List;

/** Checks a plan against {@link PlanLimits}; every violation is one line saying what and the limit. */
public final class PlanValidator {

    private final PlanLimits limits;

    public PlanValidator(PlanLimits limits) {
        this.limits = limits;
    }

    public PlanLimits limits() {
        return limits;
    }

    /** The violations (bilingual lines); empty when the plan may run. */
    public List<String> violations(List<Action> actions) {
        List<String> out = new ArrayList<>();
        if (actions.size() > limits.maxActions()) {
            out.add("计划太长 / too many actions: " + actions.size() + " > " + limits.maxActions());
        }
        for (int i = 0; i < actions.size(); i++) {
            String at = "action " + (i + 1) + " (" + actions.get(i).name() + "): ";
            Action a = actions.get(i);
            if (a instanceof Action.Move m) {
                if (Math.abs(m.distanceM()) > limits.maxDistanceM()) {
                    out.add(at + "距离超出限制 / distance " + fmt(m.distanceM()) + " m exceeds the limit of "
                            + fmt(limits.maxDistanceM()) + " m per move");
                }
                if (m.speedMps().isPresent() && m.speedMps().getAsDouble() > limits.maxSpeedMps()) {
                    out.add(at + "速度超出限制 / speed " + fmt(m.speedMps().getAsDouble()) + " m/s exceeds the limit of "
                            + fmt(limits.maxSpeedMps()) + " m/s");
                }
            } else if (a instanceof Action.Turn t) {
                if (Math.abs(t.angleDeg()) > limits.maxAngleDeg()) {
                    out.add(at + "角度超出限制 / angle " + fmt(t.angleDeg()) + "° exceeds the limit of " + fmt(limits.maxAngleDeg()) + "°");
                }
            } else if (a instanceof Action.GoTo g) {
                if (!limits.places().contains(g.place())) {
                    out.add(at + "未知地点 / unknown place '" + g.place() + "'; known: " + limits.places().names());
                }
            } else if (a instanceof Action.Speak s) {
                if (s.text().length() > limits.maxTextChars()) {
                    out.add(at + "text longer than " + limits.maxTextChars() + " characters");
                }
            } else if (a instanceof Action.Answer q) {
                if (q.question().length() > limits.maxTextChars()) {
                    out.add(at + "question longer than " + limits.maxTextChars() + " characters");
                }
            } else if (a instanceof Action.CountExercise c) {
                if (c.target().isPresent() && c.target().getAsInt() > limits.maxTarget()) {
                    out.add(at + "target " + c.target().getAsInt() + " exceeds " + limits.maxTarget());
                }
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(Actions.round(v, 3));
    }
}
