package org.classbot.agent.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Big moves wait for a yes (DESIGN.md: "Big moves (over agent.confirm_over_m) wait for a yes"): a move longer
 * than {@code overM} metres or a turn larger than {@code overDeg} degrees. The question is bilingual:
 * "确认前进 5 米？/ Move 5 m — confirm?".
 */
public record Confirmation(double overM, double overDeg) {

    /** Never asks (tests, scripts that confirmed in advance with {@code --yes}). */
    public static final Confirmation NEVER = new Confirmation(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Confirmation {
        if (!(overM >= 0) || !(overDeg >= 0)) {
            throw new IllegalArgumentException("confirmation thresholds must be 0 or more, got " + overM + " m, " + overDeg + "°");
        }
    }

    /** {@code agent.confirm_over_m} / {@code confirm_over_deg} as shipped: over 2 m or over a full turn asks. */
    public static final Confirmation DEFAULTS = new Confirmation(2.0, 360.0);

    /** The question to ask before running {@code plan} (its first big step), or empty when it may run at once. */
    public Optional<String> question(Plan plan) {
        List<String> all = questions(plan);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0) + " (是/yes · 不/no)");
    }

    /** One bilingual question per step over the thresholds, in plan order; empty when nothing needs a yes. */
    public List<String> questions(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.Move m && Math.abs(m.distanceM()) > overM) {
                String d = fmt(Math.abs(m.distanceM()));
                out.add(m.distanceM() >= 0 ? "确认前进 " + d + " 米？/ Move forward " + d + " m — confirm?"
                        : "确认后退 " + d + " 米？/ Move back " + d + " m — confirm?");
            } else if (a instanceof Action.Turn t && Math.abs(t.angleDeg()) > overDeg) {
                out.add("确认转 " + fmt(t.angleDeg()) + " 度？/ Turn " + fmt(t.angleDeg()) + "° — confirm?");
            }
        }
        return List.copyOf(out);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
