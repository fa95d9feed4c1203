package org.classbot.bridge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.Polygon;
import org.junit.jupiter.api.Test;

class SimRobotTest {

    private static final Polygon ROOM = Polygon.rectangle(-2, -2, 2, 2);

    @Test
    void should_publish_odometry_between_20_and_50_hz() throws Exception {
        try (SimRobot robot = new SimRobot(ROOM, Pose.ORIGIN, null, 50, 1.0)) {
            List<RobotState> seen = new CopyOnWriteArrayList<>();
            robot.subscribe(seen::add);
            Thread.sleep(1000);
            // 50 Hz nominal; a loaded machine may skip a few ticks but never exceed the rate
            assertThat(seen.size()).isBetween(20, 52);
        }
    }

    @Test
    void should_integrate_a_straight_line_and_an_arc() throws Exception {
        try (SimRobot robot = new SimRobot(ROOM, Pose.ORIGIN, null, 50, 1.0)) {
            robot.send(new Twist(0.5, 0));
            Thread.sleep(1000);
            robot.stop();
            Thread.sleep(60);
            Pose p = robot.state().pose();
            assertThat(p.x()).isBetween(0.4, 0.6);
            assertThat(Math.abs(p.y())).isLessThan(1e-9);
            robot.send(new Twist(0, Math.PI / 2));
            Thread.sleep(1000);
            robot.stop();
            Thread.sleep(60);
            assertThat(robot.state().pose().theta()).isBetween(1.2, 1.9);
        }
    }

    @Test
    void should_stop_at_a_wall_but_still_turn() throws Exception {
        try (SimRobot robot = new SimRobot(ROOM, new Pose(1.5, 0, 0), null, 50, 1.0)) {
            robot.send(new Twist(1.0, 0));
            Thread.sleep(1000);
            Pose p = robot.state().pose();
            assertThat(p.x()).as("body stops short of the wall at x=2").isLessThanOrEqualTo(2 - SimRobot.BODY_RADIUS + 1e-9);
            assertThat(robot.bumped()).isTrue();
            assertThat(robot.state().velocity().linear()).isZero();
            robot.send(new Twist(1.0, 1.0));
            Thread.sleep(300);
            assertThat(robot.state().pose().theta()).as("turning in place is still possible").isPositive();
            robot.send(new Twist(-0.5, 0));
            Thread.sleep(300);
            assertThat(robot.state().pose().x()).as("backing away from the wall is possible").isLessThan(p.x());
        }
    }

    @Test
    void should_drain_the_battery_when_driving_and_charge_at_the_dock() throws Exception {
        Place dock = new Place("charging_station", new Pose(0, 0, 0), List.of());
        try (SimRobot robot = new SimRobot(ROOM, new Pose(0.5, 0, Math.PI), dock, 50, 0.5)) {
            robot.send(new Twist(0.5, 0));
            Thread.sleep(1000);
            robot.stop();
            double afterDrive = robot.state().battery().orElseThrow();
            assertThat(afterDrive).isLessThan(0.5);
            Thread.sleep(500);
            assertThat(robot.state().battery().orElseThrow()).as("charging at the dock").isGreaterThan(afterDrive);
        }
    }

    @Test
    void should_speak_through_its_loudspeaker() {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (SimRobot robot = new SimRobot(ROOM, Pose.ORIGIN, null, 50, 1.0, heard::add)) {
            robot.say("你好");
            assertThat(heard).containsExactly("你好");
            assertThat(robot.said()).containsExactly("你好");
        }
    }

    @Test
    void should_refuse_non_finite_commands_and_bad_settings() {
        try (SimRobot robot = new SimRobot(ROOM, Pose.ORIGIN, null, 50, 1.0)) {
            assertThatThrownBy(() -> robot.send(new Twist(Double.NaN, 0))).hasMessageContaining("non-finite");
        }
        assertThatThrownBy(() -> new SimRobot(ROOM, Pose.ORIGIN, null, 100, 1.0)).hasMessageContaining("20..50 Hz");
        assertThatThrownBy(() -> new SimRobot(ROOM, new Pose(5, 0, 0), null, 50, 1.0)).hasMessageContaining("not inside");
    }
}
