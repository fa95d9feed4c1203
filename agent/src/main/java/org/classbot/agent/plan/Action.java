package org.classbot.agent.plan;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One step of a plan: the action vocabulary of DESIGN.md shared by every planner, the skills and the
 * evaluation. Units are SI, angles follow REP-103 (+ = left / counter-clockwise).
 *
 * <p>JSON: {@code {"action":"move","distance_m":2.0}}; snake_case fields, optional fields omitted when
 * absent ({@link #toJson()}, also used by Jackson through {@link JsonValue}). {@link Actions#fromJson}
 * reads the same shape back and checks it.
 */
public sealed interface Action {

    /**
     * What each action is, and what it needs (item 10): dispatch with an exhaustive {@code switch (a.kind())}
     * instead of instanceof chains, so a new action cannot be forgotten.
     */
    enum Kind {
        MOVE(true, true), TURN(true, true), GO_TO(true, true), STOP(false, true), SPEAK(false, false), ANSWER(false, false),
        COUNT_EXERCISE(false, false), DESCRIBE_SCENE(false, false);

        private final boolean motion;
        private final boolean robot;

        Kind(boolean motion, boolean robot) {
            this.motion = motion;
            this.robot = robot;
        }
    }

    Kind kind();

    /** Moves the robot ({@code move}, {@code turn}, {@code go_to}): the request gate, confirmation and "skip the rest on failure" apply. */
    default boolean movesRobot() {
        return kind().motion;
    }

    /** Needs a connected robot to run (motion and {@code stop}); {@code speak} uses the robot's voice only when it has one. */
    default boolean needsRobot() {
        return kind().robot;
    }

    /** The action's name in JSON ({@code move}, {@code turn}, ...). */
    String name();

    /** The JSON object of this action, fields in contract order. */
    @JsonValue
    Map<String, Object> toJson();

    /** Drive straight; {@code distanceM} signed (+ forward), optional speed in m/s (positive). */
    record Move(double distanceM, OptionalDouble speedMps) implements Action {

        @Override
        public Kind kind() {
            return Kind.MOVE;
        }

        public Move {
            Actions.finite(distanceM, "distance_m");
            Objects.requireNonNull(speedMps, "speedMps");
            if (speedMps.isPresent()) {
                Actions.finite(speedMps.getAsDouble(), "speed_mps");
                if (speedMps.getAsDouble() <= 0) {
                    throw new IllegalArgumentException("speed_mps must be positive, got " + speedMps.getAsDouble());
                }
            }
        }

        public Move(double distanceM) {
            this(distanceM, OptionalDouble.empty());
        }

        @Override
        public String name() {
            return "move";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = Actions.object(name());
            m.put("distance_m", Actions.round(distanceM, 4));
            speedMps.ifPresent(s -> m.put("speed_mps", Actions.round(s, 4)));
            return m;
        }
    }

    /** Rotate in place by {@code angleDeg} degrees (+ left / counter-clockwise). */
    record Turn(double angleDeg) implements Action {

        @Override
        public Kind kind() {
            return Kind.TURN;
        }

        public Turn {
            Actions.finite(angleDeg, "angle_deg");
        }

        @Override
        public String name() {
            return "turn";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = Actions.object(name());
            m.put("angle_deg", Actions.integralOrDouble(Actions.round(angleDeg, 2)));
            return m;
        }
    }

    /** Stop now; also cancels the rest of the plan. */
    record Stop() implements Action {

        @Override
        public Kind kind() {
            return Kind.STOP;
        }

        @Override
        public String name() {
            return "stop";
        }

        @Override
        public Map<String, Object> toJson() {
            return Actions.object(name());
        }
    }

    /** Drive to a named place of the map configuration. */
    record GoTo(String place) implements Action {

        @Override
        public Kind kind() {
            return Kind.GO_TO;
        }

        public GoTo {
            Actions.text(place, "place");
        }

        @Override
        public String name() {
            return "go_to";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = Actions.object(name());
            m.put("place", place);
            return m;
        }
    }

    /** Say (or print) a sentence. */
    record Speak(String text) implements Action {

        @Override
        public Kind kind() {
            return Kind.SPEAK;
        }

        public Speak {
            Actions.text(text, "text");
        }

        @Override
        public String name() {
            return "speak";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = Actions.object(name());
            m.put("text", text);
            return m;
        }
    }

    /** Answer a question from the knowledge base, with citations. */
    record Answer(String question) implements Action {

        @Override
        public Kind kind() {
            return Kind.ANSWER;
        }

        public Answer {
            Actions.text(question, "question");
        }

        @Override
        public String name() {
            return "answer";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = Actions.object(name());
            m.put("question", question);
            return m;
        }
    }

    /** Start counting repetitions of an exercise on the camera, optionally up to a target. */
    record CountExercise(Exercise exercise, OptionalInt target) implements Action {

        @Override
        public Kind kind() {
            return Kind.COUNT_EXERCISE;
        }

        public CountExercise {
            Objects.requireNonNull(exercise, "exercise");
            Objects.requireNonNull(target, "target");
            if (target.isPresent() && target.getAsInt() <= 0) {
                throw new IllegalArgumentException("target must be a positive count, got " + target.getAsInt());
            }
        }

        @Override
        public String name() {
            return "count_exercise";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = Actions.object(name());
            m.put("exercise", exercise.id());
            target.ifPresent(t -> m.put("target", t));
            return m;
        }
    }

    /** Say what the camera sees. */
    record DescribeScene() implements Action {

        @Override
        public Kind kind() {
            return Kind.DESCRIBE_SCENE;
        }

        @Override
        public String name() {
            return "describe_scene";
        }

        @Override
        public Map<String, Object> toJson() {
            return Actions.object(name());
        }
    }

    /** The exercises {@code count_exercise} knows. */
    enum Exercise {
        SITUP("situp"), PUSHUP("pushup"), SQUAT("squat");

        private final String id;

        Exercise(String id) {
            this.id = id;
        }

        /** The JSON name: {@code situp}, {@code pushup}, {@code squat}. */
        public String id() {
            return id;
        }

        public static Optional<Exercise> fromId(String id) {
            if (id == null) {
                return Optional.empty();
            }
            String s = id.strip().toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
            if (s.endsWith("s")) {
                s = s.substring(0, s.length() - 1);
            }
            for (Exercise e : values()) {
                if (e.id.equals(s)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }
}
