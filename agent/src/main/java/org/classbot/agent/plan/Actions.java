package org.classbot.agent.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading actions from JSON (with a clear message for every schema violation) and small shared helpers. */
public final class Actions {

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "move", Set.of("distance_m", "speed_mps"),
            "turn", Set.of("angle_deg"),
            "stop", Set.of(),
            "go_to", Set.of("place"),
            "speak", Set.of("text"),
            "answer", Set.of("question"),
            "count_exercise", Set.of("exercise", "target"),
            "describe_scene", Set.of());

    private Actions() {
    }

    /** The action names of the vocabulary. */
    public static Set<String> names() {
        return FIELDS.keySet();
    }

    /**
     * Reads one action object such as {@code {"action":"turn","angle_deg":-90}}.
     *
     * @throws IllegalArgumentException saying which field is wrong and why
     */
    public static Action fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an action must be a JSON object, got " + node);
        }
        JsonNode nameNode = node.get("action");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new IllegalArgumentException("an action needs a text field \"action\", got " + node);
        }
        String name = nameNode.asText();
        Set<String> allowed = FIELDS.get(name);
        if (allowed == null) {
            throw new IllegalArgumentException("unknown action '" + name + "'; known: " + FIELDS.keySet());
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("action") && !allowed.contains(f)) {
                throw new IllegalArgumentException("action '" + name + "' has no field '" + f + "'; allowed: " + allowed);
            }
        }
        return switch (name) {
            case "move" -> new Action.Move(number(node, "distance_m"),
                    node.hasNonNull("speed_mps") ? OptionalDouble.of(number(node, "speed_mps")) : OptionalDouble.empty());
            case "turn" -> new Action.Turn(number(node, "angle_deg"));
            case "stop" -> new Action.Stop();
            case "go_to" -> new Action.GoTo(string(node, "place"));
            case "speak" -> new Action.Speak(string(node, "text"));
            case "answer" -> new Action.Answer(string(node, "question"));
            case "count_exercise" -> new Action.CountExercise(
                    Action.Exercise.fromId(string(node, "exercise")).orElseThrow(() -> new IllegalArgumentException(
                            "exercise must be situp, pushup or squat, got '" + node.get("exercise").asText() + "'")),
                    node.hasNonNull("target") ? OptionalInt.of(integer(node, "target")) : OptionalInt.empty());
            case "describe_scene" -> new Action.DescribeScene();
            default -> throw new IllegalArgumentException("unknown action '" + name + "'");
        };
    }

    /** Reads {@code {"actions":[...]}} or a bare array of actions. */
    public static List<Action> listFromJson(JsonNode node) {
        JsonNode arr = node != null && node.isObject() ? node.get("actions") : node;
        if (arr == null || !arr.isArray()) {
            throw new IllegalArgumentException("expected {\"actions\":[...]} or a JSON array of actions, got " + node);
        }
        List<Action> out = new ArrayList<>();
        for (JsonNode a : arr) {
            out.add(fromJson(a));
        }
        return out;
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
            throw new IllegalArgumentException("field '" + field + "' must be a whole number, got " + v);
        }
        return v.asInt();
    }

    private static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty text, got " + v);
        }
        return v.asText();
    }

    static Map<String, Object> object(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", name);
        return m;
    }

    static void finite(double v, String field) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + v);
        }
    }

    static void text(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty text");
        }
    }

    /** Rounds half-up to {@code places} decimals (so 30 cm prints as 0.3, not 0.30000000000000004). */
    public static double round(double v, int places) {
        double r = BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
        return r == 0.0 ? 0.0 : r; // no -0.0
    }

    /** A whole number as a long (so -90 prints as -90), anything else as a double. */
    static Number integralOrDouble(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Number) (long) v : (Number) v;
    }
}
