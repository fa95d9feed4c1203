package org.classbot.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ActionKindTest {

    @Test
    void should_say_which_actions_move_and_which_need_the_robot() {
        assertThat(new Action.Move(1.0, OptionalDouble.empty()).movesRobot()).isTrue();
        assertThat(new Action.Turn(90).movesRobot()).isTrue();
        assertThat(new Action.GoTo("door").movesRobot()).isTrue();
        assertThat(new Action.Stop().movesRobot()).isFalse();
        assertThat(new Action.Stop().needsRobot()).isTrue();
        assertThat(new Action.Speak("hi").needsRobot()).isFalse();
        assertThat(new Action.Answer("what?").movesRobot()).isFalse();
        assertThat(new Action.DescribeScene().needsRobot()).isFalse();
    }
}
