package org.classbot.agent.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import org.classbot.agent.plan.Action;

/**
 * The action vocabulary as LangChain4j tools. Calling a tool only records the action: nothing moves
 * while the model is planning. Bad arguments are recorded as errors (the planner then falls back).
 */
final class PlanningTools {

    private final List<Action> actions = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    synchronized List<Action> actions() {
        return List.copyOf(actions);
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private synchronized String record(java.util.function.Supplier<Action> action) {
        try {
            actions.add(action.get());
            return "queued";
        } catch (RuntimeException e) {
            errors.add(String.valueOf(e.getMessage()));
            return "rejected: " + e.getMessage();
        }
    }

    synchronized void error(String message) {
        errors.add(message);
    }

    @Tool(name = "move", value = "Drive straight. distance_m in metres: positive forward, negative backward.")
    String move(@P(name = "distance_m", value = "signed distance in metres, + forward") double distanceM,
                @P(name = "speed_mps", value = "optional speed in m/s (positive)", required = false) Double speedMps) {
        return record(() -> new Action.Move(distanceM, speedMps == null ? OptionalDouble.empty() : OptionalDouble.of(speedMps)));
    }

    @Tool(name = "turn", value = "Rotate in place. angle_deg in degrees: positive = left / counter-clockwise, negative = right. "
            + "'turn around' = 180, a full circle = 360, a bare 'turn right' = -90.")
    String turn(@P(name = "angle_deg", value = "signed angle in degrees, + left") double angleDeg) {
        return record(() -> new Action.Turn(angleDeg));
    }

    @Tool(name = "stop", value = "Stop now; cancels the rest of the plan.")
    String stop() {
        return record(Action.Stop::new);
    }

    @Tool(name = "go_to", value = "Drive to a named place of the classroom map.")
    String goTo(@P(name = "place", value = "the place's canonical name from the list in the instructions") String place) {
        return record(() -> new Action.GoTo(place));
    }

    @Tool(name = "speak", value = "Say a sentence out loud.")
    String speak(@P(name = "text", value = "the sentence to say, in the user's language") String text) {
        return record(() -> new Action.Speak(text));
    }

    @Tool(name = "answer", value = "Answer a question from the lab's documents (rules, safety, charging, who may operate).")
    String answer(@P(name = "question", value = "the user's question, as asked") String question) {
        return record(() -> new Action.Answer(question));
    }

    @Tool(name = "count_exercise", value = "Start counting exercise repetitions on the camera.")
    String countExercise(@P(name = "exercise", value = "situp, pushup or squat") String exercise,
                         @P(name = "target", value = "optional number of repetitions to reach", required = false) Integer target) {
        return record(() -> new Action.CountExercise(Action.Exercise.fromId(exercise).orElseThrow(() ->
                new IllegalArgumentException("exercise must be situp, pushup or squat, got '" + exercise + "'")),
                target == null ? OptionalInt.empty() : OptionalInt.of(target)));
    }

    @Tool(name = "describe_scene", value = "Say what the camera sees (people and objects).")
    String describeScene() {
        return record(Action.DescribeScene::new);
    }
}
