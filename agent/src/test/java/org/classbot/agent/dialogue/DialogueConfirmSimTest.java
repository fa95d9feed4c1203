package org.classbot.agent.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.classbot.agent.plan.OfflinePlanner;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.plan.PlanValidator;
import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.MapPlaces;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.StepResult;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.bridge.skill.MotionSkills;

/** Big moves wait for a yes in the dialogue (issue 9). */
class DialogueConfirmSimTest {

    private SafetyGovernor robot;
    private Dialogue dialogue;
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final List<ExecutionReport> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        RoomMap map = RoomMap.classroom();
        robot = RobotBridges.connect(ConnectionSpec.builder("sim").build(), SafetyLimits.builder().geofence(map.geofence()).build());
        PlaceCatalog places = MapPlaces.catalog(map);
        PlanExecutor executor = new PlanExecutor(robot, new MotionSkills(robot, map), Answerer.none("test"), Vision.none("test"),
                new PlanValidator(PlanLimits.defaults(places)));
        dialogue = new Dialogue(new OfflinePlanner(places), executor, 2.0);
        dialogue.addListener(new DialogueListener() {
            @Override
            public void reply(String text) {
                replies.add(text);
            }

            @Override
            public void done(String utterance, ExecutionReport report) {
                reports.add(report);
            }
        });
    }

    @AfterEach
    void close() {
        dialogue.close();
        robot.close();
    }

    @Test
    void should_hold_a_big_move_until_yes() throws Exception {
        dialogue.hear("前进三米");
        assertThat(dialogue.awaitingConfirmation()).isTrue();
        assertThat(replies).anyMatch(r -> r.contains("确认前进 3 米") && r.contains("confirm"));
        assertThat(dialogue.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reports).isEmpty();
        dialogue.hear("是");
        assertThat(dialogue.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        assertThat(reports).hasSize(1).allMatch(ExecutionReport::ok);
        assertThat(robot.state().pose().x()).isCloseTo(3.0, within(0.05));
    }

    @Test
    void should_drop_a_big_move_on_no_or_anything_else() throws Exception {
        dialogue.hear("move forward 3 m");
        dialogue.hear("取消");
        dialogue.hear("前进三米");
        dialogue.hear("what time is it");
        dialogue.hear("yes");
        assertThat(dialogue.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dialogue.awaitingConfirmation()).isFalse();
        assertThat(robot.state().pose().x()).isCloseTo(0.0, within(0.01));
        assertThat(replies).anyMatch(r -> r.contains("unconfirmed plan dropped"));
    }

    @Test
    void should_run_small_moves_at_once() throws Exception {
        dialogue.hear("前进半米");
        assertThat(dialogue.awaitIdle(20, TimeUnit.SECONDS)).isTrue();
        assertThat(robot.state().pose().x()).isCloseTo(0.5, within(0.02));
    }
}
