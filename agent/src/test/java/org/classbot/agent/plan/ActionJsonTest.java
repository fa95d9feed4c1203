package org.classbot.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ActionJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void should_write_the_design_example_exactly() throws Exception {
        List<Action> actions = List.of(new Action.Move(2.0), new Action.Turn(-90));
        assertThat(mapper.writeValueAsString(Plan.of(actions, "offline").toJson()))
                .isEqualTo("{\"actions\":[{\"action\":\"move\",\"distance_m\":2.0},{\"action\":\"turn\",\"angle_deg\":-90}]}");
    }

    @Test
    void should_omit_absent_optional_fields_and_write_present_ones() throws Exception {
        assertThat(mapper.writeValueAsString(new Action.Move(0.3, OptionalDouble.of(0.2))))
                .isEqualTo("{\"action\":\"move\",\"distance_m\":0.3,\"speed_mps\":0.2}");
        assertThat(mapper.writeValueAsString(new Action.CountExercise(Action.Exercise.SITUP, OptionalInt.empty())))
                .isEqualTo("{\"action\":\"count_exercise\",\"exercise\":\"situp\"}");
        assertThat(mapper.writeValueAsString(new Action.CountExercise(Action.Exercise.PUSHUP, OptionalInt.of(10))))
                .isEqualTo("{\"action\":\"count_exercise\",\"exercise\":\"pushup\",\"target\":10}");
        assertThat(mapper.writeValueAsString(new Action.Stop())).isEqualTo("{\"action\":\"stop\"}");
        assertThat(mapper.writeValueAsString(new Action.DescribeScene())).isEqualTo("{\"action\":\"describe_scene\"}");
        assertThat(mapper.writeValueAsString(new Action.GoTo("door"))).isEqualTo("{\"action\":\"go_to\",\"place\":\"door\"}");
        assertThat(mapper.writeValueAsString(new Action.Turn(89.954))).isEqualTo("{\"action\":\"turn\",\"angle_deg\":89.95}");
    }

    @Test
    void should_read_back_every_action_it_writes() throws Exception {
        List<Action> all = List.of(new Action.Move(-1.5, OptionalDouble.of(0.3)), new Action.Turn(120), new Action.Stop(),
                new Action.GoTo("whiteboard"), new Action.Speak("你好"), new Action.Answer("实验室可以吃东西吗？"),
                new Action.CountExercise(Action.Exercise.SQUAT, OptionalInt.of(20)), new Action.DescribeScene());
        JsonNode json = mapper.valueToTree(Plan.of(all, "offline").toJson());
        assertThat(Actions.listFromJson(json)).isEqualTo(all);
    }

    @Test
    void should_reject_what_is_not_in_the_vocabulary_with_the_reason() {
        assertThatThrownBy(() -> Actions.fromJson(mapper.readTree("{\"action\":\"fly\"}")))
                .hasMessageContaining("unknown action 'fly'");
        assertThatThrownBy(() -> Actions.fromJson(mapper.readTree("{\"action\":\"move\",\"distance\":1}")))
                .hasMessageContaining("no field 'distance'");
        assertThatThrownBy(() -> Actions.fromJson(mapper.readTree("{\"action\":\"move\",\"distance_m\":\"far\"}")))
                .hasMessageContaining("'distance_m' must be a number");
        assertThatThrownBy(() -> Actions.fromJson(mapper.readTree("{\"action\":\"count_exercise\",\"exercise\":\"jumping\"}")))
                .hasMessageContaining("situp, pushup or squat");
        assertThatThrownBy(() -> new Action.Move(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new Action.Move(1, OptionalDouble.of(-1))).hasMessageContaining("positive");
    }
}
