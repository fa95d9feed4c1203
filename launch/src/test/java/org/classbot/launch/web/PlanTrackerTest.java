package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.Pose;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.robot.ConnectionOptions;

/** The plan panel's model over a real dialogue and simulator: step states, the big-move question, the path. */
class PlanTrackerTest {

    private ClassbotApp app;
    private SafetyGovernor robot;
    private Dialogue dialogue;
    private PlanTracker plans;

    @BeforeEach
    void start() {
        app = ClassbotApp.of(ClassbotConfig.load(null, Map.of()), Map.of());
        robot = app.robots().connect(new ConnectionOptions("sim", "plans", null, null, null), false);
        dialogue = new Dialogue(app.planner("offline"), app.executor(robot, Answerer.none("no kb"), Vision.none("no camera")),
                app.confirmation());
        plans = new PlanTracker(dialogue, robot, app.map(), () -> { });
        dialogue.addListener(plans);
    }

    @AfterEach
    void stop() {
        dialogue.close();
        robot.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> plan) {
        return (List<Map<String, Object>>) plan.get("steps");
    }

    @Test
    void should_follow_each_step_to_done_with_the_measured_result() throws Exception {
        dialogue.hear("前进半米，然后左转九十度");
        assertThat(dialogue.awaitIdle(20, TimeUnit.SECONDS)).isTrue();
        Map<String, Object> p = plans.toJson().get(0);
        assertThat(p).containsEntry("state", "done").containsEntry("utterance", "前进半米，然后左转九十度");
        assertThat(steps(p)).extracting(s -> s.get("status")).containsExactly("done", "done");
        assertThat((String) steps(p).get(0).get("message")).contains("done: 0.");
        assertThat(p).doesNotContainKey("path"); // drawn only before and while it runs
    }

    @Test
    void should_show_the_question_while_a_big_move_waits_and_mark_it_not_confirmed_on_no() throws Exception {
        dialogue.hear("前进三米");
        assertThat(plans.awaitingQuestion()).hasValueSatisfying(q -> assertThat(q).contains("confirm"));
        Map<String, Object> p = plans.toJson().get(0);
        assertThat(p).containsEntry("state", "awaiting").containsKey("question").containsKey("path");
        assertThat(steps(p).get(0)).containsEntry("status", "pending");
        dialogue.hear("no");
        assertThat(plans.toJson().get(0)).containsEntry("state", "not_confirmed");
        assertThat(plans.awaitingQuestion()).isEmpty();
        assertThat(robot.state().pose().x()).isEqualTo(0.0);
    }

    @Test
    void should_run_a_confirmed_big_move_and_refuse_steps_under_the_estop() throws Exception {
        dialogue.hear("前进三米");
        dialogue.hear("yes");
        assertThat(dialogue.awaitIdle(60, TimeUnit.SECONDS)).isTrue();
        assertThat(plans.toJson().get(0)).containsEntry("state", "done");
        dialogue.emergencyStop();
        dialogue.hear("前进半米");
        assertThat(dialogue.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        Map<String, Object> p = plans.toJson().get(1);
        assertThat(p.get("state")).isNotEqualTo("done");
        assertThat(steps(p).get(0)).containsEntry("status", "refused");
        assertThat((String) steps(p).get(0).get("message")).contains("e-stop");
    }

    @Test
    void should_project_the_path_of_moves_turns_and_go_to() {
        List<double[]> path = plans.project(Plan.of(List.of(new Action.Move(1.0), new Action.Turn(90), new Action.Move(0.5),
                new Action.GoTo("door")), "offline"), new Pose(0, 0, 0));
        assertThat(path).hasSize(5);
        assertThat(path.get(1)[0]).isEqualTo(1.0);
        assertThat(path.get(3)[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(path.get(4)[0]).isEqualTo(3.2);
        assertThat(path.get(4)[1]).isEqualTo(-2.2);
        assertThat(plans.project(Plan.of(List.of(new Action.Speak("hi")), "offline"), Pose.ORIGIN)).isEmpty();
    }
}
