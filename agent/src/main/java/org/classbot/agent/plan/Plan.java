package org.classbot.agent.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a planner made of one utterance.
 *
 * @param actions the actions, in order (empty when nothing was understood)
 * @param notes   replies for the user about parts that were not understood or were refused (bilingual)
 * @param trace   how each clause became actions, with the numbers behind it ({@code --explain})
 * @param planner which planner produced it ({@code offline}, {@code llm}, {@code llm→offline} after a fallback)
 */
public record Plan(List<Action> actions, List<String> notes, List<Step> trace, String planner) {

    public Plan {
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
        trace = List.copyOf(trace);
        Objects.requireNonNull(planner, "planner");
    }

    public static Plan of(List<Action> actions, String planner) {
        return new Plan(actions, List.of(), List.of(), planner);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public Plan withPlanner(String name) {
        return new Plan(actions, notes, trace, name);
    }

    public Plan withNote(String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        n.add(note);
        return new Plan(actions, n, trace, planner);
    }

    /** The contract document {@code {"actions":[...]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actions", actions);
        return m;
    }

    /**
     * How one clause of the utterance was read.
     *
     * @param clause  the clause as typed
     * @param rule    the rule that matched ({@code move}, {@code turn.quantity}, {@code question}, ...)
     * @param numbers the numbers found in it and what they became
     * @param actions the actions it produced
     */
    public record Step(String clause, String rule, List<NumberReading> numbers, List<Action> actions) {
        public Step {
            numbers = List.copyOf(numbers);
            actions = List.copyOf(actions);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clause", clause);
            m.put("rule", rule);
            m.put("numbers", numbers.stream().map(NumberReading::toJson).toList());
            m.put("actions", actions);
            return m;
        }
    }

    /**
     * One number token: {@code "两米"} → value 2 in unit 米 → 2.0 m.
     *
     * @param text   the tokens as typed
     * @param value  the number read from them
     * @param unit   the unit as typed ("" when none was given and a default applied)
     * @param si     the value in the action's unit
     * @param siUnit that unit ({@code m}, {@code deg}, {@code m/s}, {@code count})
     */
    public record NumberReading(String text, double value, String unit, double si, String siUnit) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", text);
            m.put("value", Actions.integralOrDouble(Actions.round(value, 6)));
            m.put("unit", unit);
            m.put("si", Actions.integralOrDouble(Actions.round(si, 4)));
            m.put("si_unit", siUnit);
            return m;
        }
    }
}
