package org.classbot.agent.plan;

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

    /** The question to ask before running {@code plan}, or empty when it may run at once. */
    public Optional<String> question(Plan plan) {
        for (Action a : plan.actions()) {
            if (a instanceof Action.Move m && Math.abs(m.distanceM()) > overM) {
                double d = Math.abs(m.distanceM());
                String dir = m.distanceM() >= 0 ? "前进" : "后退";
                return Optional.of(String.format(Locale.ROOT, "确认%s %s 米？/ %s %s m — confirm? (是/yes · 不/no)", dir, fmt(d),
                        m.distanceM() >= 0 ? "Move forward" : "Move back", fmt(d)));
            }
            if (a instanceof Action.Turn t && Math.abs(t.angleDeg()) > overDeg) {
                return Optional.of(String.format(Locale.ROOT, "确认转 %s 度？/ Turn %s° — confirm? (是/yes · 不/no)",
                        fmt(t.angleDeg()), fmt(t.angleDeg())));
            }
        }
        return Optional.empty();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
