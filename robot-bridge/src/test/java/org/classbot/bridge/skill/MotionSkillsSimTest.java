package org.classbot.bridge.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.bridge.skill.SkillResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Skills end on odometry within 2 cm / 2 degrees on the simulator, and stop when told. */
class MotionSkillsSimTest {

    private SafetyGovernor robot;
    private MotionSkills skills;

    @BeforeEach
    void start() {
        robot = RobotBridges.connect(ConnectionSpec.builder("sim").build(),
                SafetyLimits.builder().geofence(RoomMap.classroom().geofence()).build());
        skills = new MotionSkills(robot);
    }

    @AfterEach
    void close() {
        robot.close();
    }

    @Test
    void should_move_forward_and_back_within_2_cm() {
        SkillResult r = skills.move(1.0);
        assertThat(r.outcome()).isEqualTo(Outcome.DONE);
        assertThat(robot.state().pose().x()).isCloseTo(1.0, within(0.02));
        assertThat(robot.state().pose().y()).isCloseTo(0.0, within(0.02));
        r = skills.move(-0.5, 0.2);
        assertThat(r.outcome()).isEqualTo(Outcome.DONE);
        assertThat(r.achieved()).isCloseTo(-0.5, within(0.02));
        assertThat(robot.state().pose().x()).isCloseTo(0.5, within(0.02));
    }

    @Test
    void should_turn_within_2_degrees_including_a_full_circle() {
        SkillResult r = skills.turn(-90);
        assertThat(r.outcome()).isEqualTo(Outcome.DONE);
        assertThat(Math.toDegrees(robot.state().pose().theta())).isCloseTo(-90, within(2.0));
        r = skills.turn(360);
        assertThat(r.outcome()).isEqualTo(Outcome.DONE);
        assertThat(r.achieved()).isCloseTo(360, within(2.0));
        assertThat(Math.toDegrees(robot.state().pose().theta())).isCloseTo(-90, within(2.0));
        r = skills.turn(180);
        assertThat(r.achieved()).isCloseTo(180, within(2.0));
        assertThat(Math.toDegrees(robot.state().pose().theta())).isCloseTo(90, within(2.0));
    }

    @Test
    void should_stop_at_once_when_cancelled() throws Exception {
        CompletableFuture<SkillResult> run = CompletableFuture.supplyAsync(() -> skills.move(3.0));
        Thread.sleep(800);
        Pose before = robot.state().pose();
        skills.cancel();
        SkillResult r = run.get(2, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
        Thread.sleep(100);
        assertThat(robot.state().velocity().linear()).isZero();
        assertThat(robot.state().pose().x() - before.x()).as("no further motion after cancel").isLessThan(0.05);
        assertThat(r.achieved()).isBetween(0.05, 1.0);
    }

    @Test
    void should_end_with_estopped_when_the_estop_is_pressed() throws Exception {
        CompletableFuture<SkillResult> run = CompletableFuture.supplyAsync(() -> skills.turn(720));
        Thread.sleep(500);
        robot.emergencyStop();
        SkillResult r = run.get(2, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(Outcome.ESTOPPED);
        assertThat(skills.move(0.5).outcome()).as("nothing moves while latched").isEqualTo(Outcome.ESTOPPED);
        robot.resetEmergencyStop();
        assertThat(skills.move(0.2).outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void should_go_to_a_named_place_by_alias() {
        Place board = RoomMap.classroom().place("whiteboard").orElseThrow();
        SkillResult r = skills.goTo("白板");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        Pose p = robot.state().pose();
        assertThat(Math.hypot(p.x() - board.pose().x(), p.y() - board.pose().y())).isLessThan(0.03);
        assertThat(Math.toDegrees(p.theta())).isCloseTo(90, within(2.0));
        assertThat(skills.goTo("the moon").outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void should_report_blocked_at_the_geofence() {
        robot.close();
        robot = RobotBridges.connect(ConnectionSpec.builder("sim").build(),
                SafetyLimits.builder().geofence(Polygon.rectangle(-0.5, -0.5, 0.5, 0.5)).build());
        skills = new MotionSkills(robot);
        SkillResult r = skills.move(2.0);
        assertThat(r.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(r.message()).contains("geofence");
        assertThat(robot.state().pose().x()).isLessThan(0.5);
    }

    @Test
    void should_reject_nonsense_without_moving() {
        assertThat(skills.move(Double.NaN).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(skills.turn(Double.POSITIVE_INFINITY).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(robot.state().pose()).isEqualTo(Pose.ORIGIN);
    }
}
