package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.robot.ConnectionOptions;

/** The pad and the "pause all" lock on top of a real governed simulator, ticked by hand with an injected clock. */
class TeleopTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private SafetyGovernor robot;
    private Dialogue dialogue;
    private Teleop teleop;

    @BeforeEach
    void start() {
        ClassbotApp app = ClassbotApp.of(ClassbotConfig.load(null, Map.of()), Map.of());
        robot = app.robots().connect(new ConnectionOptions("sim", "teleop", null, null, null), false);
        dialogue = new Dialogue(app.planner("offline"), app.executor(robot, Answerer.none("no kb"), Vision.none("no camera")));
        teleop = new Teleop(robot, dialogue, now::get, 0.25, 1.0, 300);
    }

    @AfterEach
    void stop() {
        dialogue.close();
        robot.close();
    }

    private void advanceMs(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void should_cap_the_pad_by_its_setting_and_the_governors_limits() {
        assertThat(teleop.drive("a", 5, -7)).isNull();
        assertThat(robot.status().target().linear()).isEqualTo(Math.min(0.25, robot.limits().maxLinear()));
        assertThat(robot.status().target().angular()).isEqualTo(-Math.min(1.0, robot.limits().maxAngular()));
        assertThat(teleop.drive("a", Double.NaN, 0)).contains("-1..1");
    }

    @Test
    void should_stop_at_once_on_release_and_after_the_dead_man_time_without_a_fresh_press() {
        teleop.drive("a", 1, 0);
        teleop.tick();
        assertThat(robot.status().target().linear()).isPositive();
        teleop.release("someone else");
        assertThat(robot.status().target().linear()).as("only the pad's owner releases it").isPositive();
        teleop.release("a");
        assertThat(robot.status().target().isZero()).isTrue();

        teleop.drive("a", 1, 0);
        advanceMs(250);
        teleop.tick();
        assertThat(robot.status().target().linear()).as("still within the dead man time").isPositive();
        advanceMs(100);
        teleop.tick();
        assertThat(robot.status().target().isZero()).as("no fresh press for 350 ms").isTrue();
        assertThat(teleop.toJson()).containsEntry("driving", false);
    }

    @Test
    void should_hold_zero_while_locked_and_refuse_the_pad_until_released() throws Exception {
        teleop.drive("a", 1, 0);
        teleop.lock(true);
        assertThat(robot.status().target().isZero()).isTrue();
        assertThat(teleop.drive("a", 1, 0)).contains("paused");
        dialogue.hear("前进半米");
        for (int i = 0; i < 200 && dialogue.busy(); i++) {
            teleop.tick(); // every tick: zero, and a plan that tried to move is cancelled
            dialogue.awaitIdle(20, TimeUnit.MILLISECONDS);
        }
        assertThat(dialogue.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(robot.state().pose().x()).as("the lock held the robot").isLessThan(0.05);
        teleop.lock(false);
        assertThat(teleop.drive("a", 1, 0)).isNull();
    }

    /** An assistant's plan (MCP inside {@code run --mcp}) runs on the executor without the dialogue: the lock holds it too. */
    @Test
    void should_hold_a_plan_run_outside_the_dialogue_while_locked() throws Exception {
        teleop.lock(true);
        java.util.concurrent.CompletableFuture<org.classbot.agent.skill.ExecutionReport> assistant = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> dialogue.executor().execute(
                        org.classbot.agent.plan.Plan.of(java.util.List.of(new org.classbot.agent.plan.Action.Move(0.5)), "mcp"),
                        org.classbot.agent.skill.ExecutionListener.NONE));
        for (int i = 0; i < 250 && !assistant.isDone(); i++) {
            teleop.tick();
            Thread.sleep(20); // the dashboard's tick period; the plan runs on its own thread
        }
        assertThat(assistant.get(5, TimeUnit.SECONDS).ok()).as("the assistant's plan was cancelled").isFalse();
        assertThat(robot.state().pose().x()).as("the lock held the robot").isLessThan(0.05);
    }

    /** Issue 10: while the teacher drives, plans pause (not end); released, the plan carries on with what was left. */
    @Test
    void should_pause_a_running_plan_while_the_pad_drives_and_carry_on_after() throws Exception {
        java.util.List<org.classbot.agent.skill.ExecutionReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        dialogue.addListener(new org.classbot.agent.dialogue.DialogueListener() {
            @Override
            public void done(String utterance, org.classbot.agent.skill.ExecutionReport report) {
                reports.add(report);
            }
        });
        dialogue.hear("前进一米");
        for (int i = 0; i < 500 && robot.state().pose().x() < 0.2; i++) {
            dialogue.awaitIdle(10, TimeUnit.MILLISECONDS);
        }
        assertThat(robot.state().pose().x()).as("the plan is under way").isGreaterThanOrEqualTo(0.2);
        assertThat(teleop.drive("a", 0, 1)).isNull();
        double xAtTakeOver = robot.state().pose().x();
        for (int i = 0; i < 25; i++) { // half a second of the teacher turning the robot on the spot
            teleop.tick();
            dialogue.awaitIdle(20, TimeUnit.MILLISECONDS);
        }
        assertThat(dialogue.busy()).as("the plan paused, it did not end").isTrue();
        assertThat(robot.status().target().linear()).as("only the pad drives").isZero();
        assertThat(robot.status().target().angular()).isPositive();
        // braking from the plan's speed takes a few centimetres (the governor's ramp); after that the robot only turns
        assertThat(robot.state().pose().x() - xAtTakeOver).as("the plan did not drive while paused").isLessThan(0.15);
        double settled = Math.hypot(robot.state().pose().x(), robot.state().pose().y());
        for (int i = 0; i < 10; i++) {
            teleop.tick();
            dialogue.awaitIdle(20, TimeUnit.MILLISECONDS);
        }
        assertThat(Math.hypot(robot.state().pose().x(), robot.state().pose().y()) - settled).as("standing, turning only").isLessThan(0.01);
        teleop.release("a");
        assertThat(dialogue.awaitIdle(30, TimeUnit.SECONDS)).as("the plan carried on to its end").isTrue();
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.ok()).as(r.toString()).isTrue());
        double travelled = Math.hypot(robot.state().pose().x(), robot.state().pose().y());
        // what was left at the moment of the pause is driven after it; the braking while pausing comes on top (≤ 0.15 m)
        assertThat(travelled).as("what was left of the metre was driven after the turn").isBetween(0.6, 1.15);
    }

    @Test
    void should_refuse_the_pad_while_the_estop_is_latched() {
        dialogue.emergencyStop();
        assertThat(teleop.drive("a", 1, 0)).contains("refused");
        assertThat(robot.status().target().isZero()).isTrue();
        dialogue.hear("reset");
        assertThat(teleop.drive("a", 1, 0)).isNull();
        teleop.release("a");
    }
}
