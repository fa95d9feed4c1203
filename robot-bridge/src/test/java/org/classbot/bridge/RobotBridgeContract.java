package org.classbot.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport's {@link RobotBridge} must do, run against a REAL robot side (the simulator,
 * a served simulator behind Mosquitto, a rospy node behind roscore, ...). A transport's test extends
 * this class and says how to connect; peers are started in {@link #connect()} or a
 * {@code @BeforeAll} and stopped in {@link #disconnectPeers()} or an {@code @AfterAll}.
 *
 * <p>The robot must start at rest with at least 0.5 m of free space ahead of it. Commands are
 * repeated at 10 Hz as a real driver would, so robot-side watchdogs do not fire.
 */
public abstract class RobotBridgeContract {

    /** How long a transport may take for a state change to arrive (slow machines, real brokers). */
    protected Duration patience() {
        return Duration.ofSeconds(5);
    }

    /** A bridge connected to a robot that moves when driven. Called before each test. */
    protected abstract RobotBridge connect() throws Exception;

    /** Stops per-test peers; the bridge itself is already closed. */
    protected void disconnectPeers() throws Exception {
    }

    /**
     * Cuts the link between this bridge and the robot's side as a crashed peer would (broker,
     * master, rosbridge server gone). Transports without a separate peer (the in-process simulator)
     * leave it as is: the link-loss case is then skipped for them.
     */
    protected void cutLink() throws Exception {
        Assumptions.abort("no link to cut: the robot is in-process");
    }

    /** Brings the peer back after {@link #cutLink()}; both ends must rejoin by themselves. */
    protected void restoreLink() throws Exception {
    }

    /**
     * The served robot that {@link #stallOdometry()} freezes, where the test serves ClassBot's
     * simulator; null (the default) where it does not: then {@code stallOdometry} is overridden or
     * the stalled-odometry case is skipped.
     */
    protected StallableRobot stallableRobot() {
        return null;
    }

    /** Stops the robot's odometry while every connection stays open (a frozen robot). */
    protected void stallOdometry() throws Exception {
        StallableRobot robot = stallableRobot();
        if (robot == null) {
            Assumptions.abort("this robot's odometry cannot be stalled from the test");
        }
        robot.stall();
    }

    /** Lets odometry flow again after {@link #stallOdometry()}. */
    protected void resumeOdometry() throws Exception {
        StallableRobot robot = stallableRobot();
        if (robot != null) {
            robot.resume();
        }
    }

    protected RobotBridge bridge;

    @BeforeEach
    void connectBridge() throws Exception {
        bridge = connect();
    }

    @AfterEach
    void closeBridge() throws Exception {
        try {
            if (bridge != null) {
                bridge.stop();
                bridge.close();
            }
        } finally {
            disconnectPeers();
        }
    }

    @Test
    void should_report_connected_once_connected() {
        assertThat(eventually(() -> bridge.state().connected())).as("state().connected()").isTrue();
    }

    @Test
    void should_move_forward_when_driven_forward() {
        awaitOdometry();
        Pose start = bridge.state().pose();
        drive(new Twist(0.2, 0.0), Duration.ofMillis(1500));
        boolean moved = eventually(() -> distance(start, bridge.state().pose()) > 0.1);
        bridge.stop();
        Pose end = bridge.state().pose();
        assertThat(moved).as("robot moved more than 10 cm, start %s end %s", start, end).isTrue();
        double along = (end.x() - start.x()) * Math.cos(start.theta()) + (end.y() - start.y()) * Math.sin(start.theta());
        assertThat(along).as("displacement along the heading").isPositive();
    }

    @Test
    void should_turn_left_for_positive_angular_velocity() {
        awaitOdometry();
        double start = bridge.state().pose().theta();
        drive(new Twist(0.0, 0.5), Duration.ofMillis(1500));
        boolean turned = eventually(() -> angleDiff(bridge.state().pose().theta(), start) > 0.2);
        bridge.stop();
        assertThat(turned).as("heading grew counter-clockwise (REP-103) from %s to %s", start,
                bridge.state().pose().theta()).isTrue();
    }

    @Test
    void should_come_to_rest_after_stop() {
        awaitOdometry();
        drive(new Twist(0.2, 0.3), Duration.ofMillis(800));
        bridge.stop();
        assertThat(eventually(() -> Math.abs(bridge.state().velocity().linear()) < 1e-3
                && Math.abs(bridge.state().velocity().angular()) < 1e-3))
                .as("measured velocity back to zero, now %s", bridge.state().velocity()).isTrue();
        Pose rest = bridge.state().pose();
        sleep(500);
        assertThat(distance(rest, bridge.state().pose())).as("no drift after stop").isLessThan(0.01);
    }

    @Test
    void should_notify_subscribers_with_fresh_state_and_stop_after_unsubscribe() throws Exception {
        List<RobotState> seen = new CopyOnWriteArrayList<>();
        AutoCloseable handle = bridge.subscribe(seen::add);
        drive(new Twist(0.1, 0.0), Duration.ofMillis(600));
        bridge.stop();
        assertThat(eventually(() -> !seen.isEmpty())).as("listener called").isTrue();
        assertThat(seen).anyMatch(RobotState::connected);
        handle.close();
        sleep(300); // let in-flight deliveries finish
        int after = seen.size();
        drive(new Twist(0.1, 0.0), Duration.ofMillis(500));
        bridge.stop();
        sleep(300);
        assertThat(seen).as("no deliveries after unsubscribe").hasSize(after);
    }

    @Test
    void should_report_a_timestamp_and_finite_pose() {
        awaitOdometry();
        RobotState s = bridge.state();
        assertThat(s.timestampMillis()).isPositive();
        assertThat(Double.isFinite(s.pose().x()) && Double.isFinite(s.pose().y())
                && Double.isFinite(s.pose().theta())).isTrue();
    }

    @Test
    void should_stop_the_robot_on_emergency_stop_and_drive_again_after_reset() {
        awaitOdometry();
        drive(new Twist(0.2, 0.0), Duration.ofMillis(600));
        bridge.emergencyStop();
        assertThat(eventually(() -> Math.abs(bridge.state().velocity().linear()) < 1e-3))
                .as("measured velocity zero after the e-stop, now %s", bridge.state().velocity()).isTrue();
        bridge.resetEmergencyStop();
        assertThat(eventually(() -> !bridge.state().estopped())).as("e-stop cleared on the robot").isTrue();
        Pose before = bridge.state().pose();
        drive(new Twist(0.2, 0.0), Duration.ofMillis(1000));
        boolean moved = eventually(() -> distance(before, bridge.state().pose()) > 0.05);
        bridge.stop();
        assertThat(moved).as("moves again after the reset").isTrue();
    }

    @Test
    void should_report_the_link_lost_and_rejoin_when_the_peer_returns() throws Exception {
        awaitOdometry();
        cutLink();
        try {
            assertThat(eventually(() -> !bridge.state().connected())).as("link loss noticed").isTrue();
        } finally {
            restoreLink();
        }
        assertThat(eventually(() -> bridge.state().connected())).as("rejoined").isTrue();
        long ts = bridge.state().timestampMillis();
        assertThat(eventually(() -> bridge.state().timestampMillis() > ts)).as("odometry flows again").isTrue();
        Pose before = bridge.state().pose();
        drive(new Twist(0.2, 0.0), Duration.ofMillis(1000));
        boolean moved = eventually(() -> distance(before, bridge.state().pose()) > 0.05);
        bridge.stop();
        assertThat(moved).as("drives after rejoining").isTrue();
    }

    @Test
    void should_report_disconnected_while_odometry_stalls() throws Exception {
        awaitOdometry();
        stallOdometry();
        try {
            assertThat(eventually(() -> !bridge.state().connected())).as("stalled odometry noticed").isTrue();
            assertThat(bridge.problem()).as("said why").isPresent();
        } finally {
            resumeOdometry();
        }
        assertThat(eventually(() -> bridge.state().connected())).as("back once odometry flows").isTrue();
    }

    @Test
    void should_report_disconnected_after_close() {
        bridge.close();
        assertThat(bridge.state().connected()).isFalse();
        bridge = null;
    }

    // ---- helpers for subclasses too

    /** Sends the twist at 10 Hz for the duration (does not stop afterwards). */
    protected void drive(Twist t, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            bridge.send(t);
            sleep(100);
        }
    }

    protected void awaitOdometry() {
        assertThat(eventually(() -> bridge.state().connected() && bridge.state().timestampMillis() > 0))
                .as("odometry arrives").isTrue();
    }

    protected boolean eventually(BooleanSupplier condition) {
        long end = System.nanoTime() + patience().toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(20);
        }
        return condition.getAsBoolean();
    }

    protected static double distance(Pose a, Pose b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** a - b wrapped to (-pi, pi]. */
    protected static double angleDiff(double a, double b) {
        double d = a - b;
        while (d > Math.PI) {
            d -= 2 * Math.PI;
        }
        while (d <= -Math.PI) {
            d += 2 * Math.PI;
        }
        return d;
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
