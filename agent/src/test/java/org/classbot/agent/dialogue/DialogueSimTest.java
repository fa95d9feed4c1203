package org.classbot.agent.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.StepResult;
import org.classbot.bridge.safety.SafetyGovernor;

/** The console/dashboard loop on the simulator: order, stop and e-stop that never wait in the queue. */
class DialogueSimTest {

    private SimDialogue sim;
    private SafetyGovernor robot;
    private Dialogue dialogue;
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final List<ExecutionReport> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sim = SimDialogue.open();
        robot = sim.robot();
        dialogue = sim.dialogue();
        dialogue.addListener(new DialogueListener() {
            @Override
            public void reply(String text) {
                replies.add(text);
            }

            @Override
            public void done(String utterance, ExecutionReport report) {
                reports.add(report);
            }

            @Override
            public void awaiting(org.classbot.agent.plan.Plan plan, String question) {
                events.add("awaiting " + plan.actions() + " " + question);
            }

            @Override
            public void notConfirmed(org.classbot.agent.plan.Plan plan) {
                events.add("not_confirmed " + plan.actions());
            }

            @Override
            public void started(org.classbot.agent.plan.Plan plan, int index, org.classbot.agent.plan.Action action) {
                events.add("started " + index + " " + action);
            }
        });
    }

    private final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void should_run_utterances_in_order() throws Exception {
        dialogue.hear("前进半米");
        dialogue.hear("左转九十度");
        assertThat(dialogue.awaitIdle(20, TimeUnit.SECONDS)).isTrue();
        assertThat(reports).hasSize(2).allMatch(ExecutionReport::ok);
        assertThat(robot.state().pose().x()).isCloseTo(0.5, within(0.02));
        assertThat(Math.toDegrees(robot.state().pose().theta())).isCloseTo(90, within(2.0));
    }

    @Test
    void should_stop_at_once_and_drop_what_was_queued() throws Exception {
        dialogue.hear("前进两米");
        dialogue.hear("左转九十度");
        Thread.sleep(700);
        dialogue.hear("停");
        assertThat(dialogue.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reports.get(0).steps().get(0).status()).isEqualTo(StepResult.Status.CANCELLED);
        assertThat(Math.toDegrees(robot.state().pose().theta())).as("the queued turn never ran").isCloseTo(0, within(2.0));
        assertThat(robot.state().pose().x()).isLessThan(1.9);
    }

    @Test
    void should_latch_the_estop_from_the_console_words_until_reset() throws Exception {
        dialogue.hear("前进两米");
        Thread.sleep(600);
        dialogue.hear("急停");
        assertThat(dialogue.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(robot.estopped()).isTrue();
        assertThat(replies).anyMatch(r -> r.contains("E-STOP latched"));

        dialogue.hear("前进一米");
        assertThat(dialogue.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reports.get(reports.size() - 1).ok()).isFalse();

        dialogue.hear("reset");
        assertThat(robot.estopped()).isFalse();
        double x = robot.state().pose().x();
        dialogue.hear("前进半米");
        assertThat(dialogue.awaitIdle(10, TimeUnit.SECONDS)).isTrue();
        assertThat(reports.get(reports.size() - 1).ok()).isTrue();
        assertThat(robot.state().pose().x()).isCloseTo(x + 0.5, within(0.03));
    }

    @Test
    void should_reply_when_it_does_not_understand() {
        dialogue.hear("qwerty");
        assertThat(replies).anyMatch(r -> r.contains("did not understand"));
        assertThat(dialogue.busy()).isFalse();
    }

    /** Issue 9: a big move waits for a yes; "no" or anything else drops it and nothing moves. */
    @Test
    void should_wait_for_a_yes_before_a_big_move() throws Exception {
        dialogue.hear("前进三米");
        assertThat(dialogue.awaitingConfirmation()).isPresent();
        assertThat(replies).anySatisfy(r -> assertThat(r).contains("确认前进 3 米").contains("confirm"));
        assertThat(dialogue.busy()).isFalse();
        dialogue.hear("不");
        assertThat(dialogue.awaitingConfirmation()).isEmpty();
        assertThat(replies).anySatisfy(r -> assertThat(r).contains("nothing moved"));
        assertThat(robot.state().pose().x()).isEqualTo(0.0);

        dialogue.hear("前进2.5米");
        dialogue.hear("是");
        assertThat(dialogue.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        assertThat(robot.state().pose().x()).isCloseTo(2.5, within(0.05));
        assertThat(reports).anySatisfy(r -> assertThat(r.ok()).isTrue());
        // the same story as events that name their plan (the dashboard's plan panel reads these, not the replies)
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).startsWith("awaiting [Move[distanceM=3.0").contains("确认前进 3 米");
        assertThat(events.get(1)).startsWith("not_confirmed [Move[distanceM=3.0");
        assertThat(events.get(2)).startsWith("awaiting [Move[distanceM=2.5");
        assertThat(events.get(3)).startsWith("started 0 Move[distanceM=2.5");
    }
}
