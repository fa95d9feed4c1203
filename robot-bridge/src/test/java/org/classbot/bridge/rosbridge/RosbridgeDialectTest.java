package org.classbot.bridge.rosbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.Twist;
import org.classbot.bridge.rosbridge.RosbridgeTestServer.Dialect;
import org.classbot.bridge.rosbridge.RosbridgeTestServer.Options;
import org.classbot.bridge.safety.CommandRejectedException;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the server's dialect found on connect, our ops refused by the server reported as
 * failures, and the link rule — against the test server as the real ROS 1 and ROS 2 servers behave.
 */
class RosbridgeDialectTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RosbridgeTestServer server;
    private RosbridgeBridge bridge;
    private final List<AutoCloseable> others = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        for (AutoCloseable c : others) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RosbridgeBridge connect(Options o, Map<String, String> options) throws IOException {
        server = RosbridgeTestServer.start(o);
        bridge = RosbridgeBridge.connect(spec(options));
        return bridge;
    }

    private ConnectionSpec spec(Map<String, String> options) {
        return ConnectionSpec.builder("rosbridge").endpoint(server.url()).options(options).build();
    }

    /** The first {@code op} on {@code topic} the server received, waiting for it (ops travel asynchronously). */
    private JsonNode firstOp(String op, String topic) {
        await(() -> !ops(op, topic).isEmpty(), op + " " + topic + " at the server");
        return ops(op, topic).get(0);
    }

    private List<JsonNode> ops(String op, String topic) {
        return server.ops(op).stream().filter(o -> o.path("topic").asText().equals(topic)).toList();
    }

    /** A ROS subscriber of /cmd_vel on the server's far side, in the server's own naming. */
    private List<JsonNode> echoCmdVel() throws IOException {
        List<JsonNode> got = new CopyOnWriteArrayList<>();
        RosbridgeClient echo = RosbridgeClient.connect(server.url(), Duration.ofSeconds(3));
        others.add(echo);
        echo.subscribe("/cmd_vel", "geometry_msgs/Twist", got::add);
        // the subscribe travels on the echo's own socket: a twist published before the server registered it would
        // reach nobody (the cause of a failure seen once on a clean clone)
        await(() -> server.subscribed("/cmd_vel"), "the echo's subscription at the server");
        return got;
    }

    private void odometry() throws Exception {
        server.publish("/odom", JSON.readTree("{\"pose\":{\"pose\":{\"position\":{\"x\":1.0,\"y\":0}}}}"));
    }

    @Test
    void should_detect_ros1_on_a_silent_server_without_rosapi_like_the_real_one() throws Exception {
        connect(Options.realRos1(), Map.of());
        List<JsonNode> echoed = echoCmdVel();
        assertThat(bridge.settings().dialect()).isEqualTo(RosJson.Dialect.ROS1);
        assertThat(firstOp("advertise", "/cmd_vel").path("type").asText()).isEqualTo("geometry_msgs/Twist");
        assertThat(firstOp("subscribe", "/odom").path("type").asText()).isEqualTo("nav_msgs/Odometry");
        // the probe's ROS 2 name was refused in the server's log only, as rosbridge_suite ros1 does
        assertThat(server.log()).anyMatch(l -> l.contains("std_msgs/msg/String is not a valid type string"));
        bridge.send(Twist.of(0.2, 0.1));
        await(() -> !echoed.isEmpty(), "the twist at a ROS 1 subscriber");
        assertThat(echoed.get(0).path("linear").path("x").asDouble()).isEqualTo(0.2);
        assertThat(server.log()).noneMatch(l -> l.contains("/cmd_vel"));
    }

    @Test
    void should_detect_ros1_from_the_status_error_for_the_probe() throws Exception {
        connect(new Options(Dialect.ROS1, true, false), Map.of());
        assertThat(bridge.settings().dialect()).isEqualTo(RosJson.Dialect.ROS1);
    }

    @Test
    void should_detect_ros2_from_the_probes_echo_without_rosapi() throws Exception {
        connect(Options.ros2().withStatusReplies(false), Map.of());
        assertThat(bridge.settings().dialect()).isEqualTo(RosJson.Dialect.ROS2);
        assertThat(firstOp("advertise", "/cmd_vel").path("type").asText()).isEqualTo("geometry_msgs/msg/Twist");
    }

    @Test
    void should_ask_rosapi_first_when_it_runs() throws Exception {
        connect(new Options(Dialect.ROS1, false, true), Map.of());
        assertThat(bridge.settings().dialect()).isEqualTo(RosJson.Dialect.ROS1);
        assertThat(server.ops("advertise")).as("no probe needed").allMatch(o -> o.path("topic").asText().equals("/cmd_vel"));
        bridge.close();
        bridge = null;
        server.close();
        connect(Options.ros2().withRosapi(true), Map.of());
        assertThat(bridge.settings().dialect()).isEqualTo(RosJson.Dialect.ROS2);
    }

    @Test
    void should_keep_an_explicit_ros_version_and_send_no_probe() throws Exception {
        connect(Options.ros2(), Map.of("rosbridge.ros_version", "1"));
        assertThat(bridge.settings().dialect()).isEqualTo(RosJson.Dialect.ROS1);
        assertThat(server.ops("advertise")).allMatch(o -> o.path("topic").asText().equals("/cmd_vel"));
        assertThatThrownBy(() -> RosbridgeSettings.from(spec(Map.of("rosbridge.ros_version", "3"))))
                .hasMessageContaining("auto, 1 or 2");
    }

    @Test
    void should_report_a_refused_advertise_as_the_failure_it_is_and_never_as_driven() throws Exception {
        // ROS 2 names forced onto a ROS 1 server that answers with status errors
        connect(new Options(Dialect.ROS1, true, false), Map.of("rosbridge.ros_version", "2"));
        await(() -> bridge.problem().isPresent(), "the refused advertise");
        odometry();
        await(() -> bridge.state().timestampMillis() > 0 || bridge.problem().isPresent(), "odometry");
        assertThat(bridge.state().connected()).as("odometry does not make a refused command topic usable").isFalse();
        assertThat(bridge.problem().orElseThrow())
                .contains("refused advertise /cmd_vel as geometry_msgs/msg/Twist")
                .contains("geometry_msgs/msg/Twist is not a valid type string")
                .contains("rosbridge.ros_version").contains("robot.options.rosbridge.ros_version")
                .contains("拒绝").doesNotContain("\n");
        assertThatThrownBy(() -> bridge.send(Twist.of(0.1, 0))).isInstanceOf(RobotBridgeException.class)
                .hasMessageContaining("not a valid type string");
        assertThat(ops("publish", "/cmd_vel")).as("nothing published on a refused topic").isEmpty();
    }

    @Test
    void should_refuse_commands_through_the_governor_with_the_servers_words() throws Exception {
        server = RosbridgeTestServer.start(new Options(Dialect.ROS1, true, false));
        try (SafetyGovernor robot = RobotBridges.connect(spec(Map.of("rosbridge.ros_version", "2")), SafetyLimits.defaults())) {
            await(() -> robot.problem().isPresent(), "the refused advertise");
            assertThatThrownBy(() -> robot.send(Twist.of(0.1, 0))).isInstanceOf(CommandRejectedException.class);
            assertThat(robot.problem().orElseThrow()).contains("not a valid type string");
        }
    }

    @Test
    void should_drop_publishes_before_a_valid_advertise_like_the_real_server() throws Exception {
        server = RosbridgeTestServer.start(Options.realRos1());
        List<JsonNode> got = echoCmdVel();
        RosbridgeClient raw = RosbridgeClient.connect(server.url(), Duration.ofSeconds(3));
        others.add(raw);
        raw.advertise("/cmd_vel", "geometry_msgs/msg/Twist");
        raw.publish("/cmd_vel", RosJson.twist(org.classbot.bridge.ros1.msg.RosTwist.of(Twist.of(0.3, 0))));
        await(() -> server.log().stream().anyMatch(l -> l.contains("Cannot infer topic type for topic /cmd_vel")), "the log line");
        assertThat(server.log()).anyMatch(l -> l.contains("advertise: geometry_msgs/msg/Twist is not a valid type string"));
        assertThat(got).isEmpty();
    }

    @Test
    void should_count_the_link_up_only_when_the_robots_side_is_reached() throws Exception {
        connect(Options.ros2().withRosapi(true), Map.of("rosbridge.subscribers_poll_ms", "100", "rosbridge.odom_timeout_ms", "0"));
        assertThat(bridge.client().connected()).isTrue();
        assertThat(bridge.state().connected()).as("WebSocket up, nobody subscribed, no odometry").isFalse();
        RosbridgeClient robot = RosbridgeClient.connect(server.url(), Duration.ofSeconds(3));
        others.add(robot);
        AutoCloseable sub = robot.subscribe("/cmd_vel", "geometry_msgs/msg/Twist", m -> { });
        await(() -> bridge.state().connected(), "the subscriber seen through rosapi");
        sub.close();
        await(() -> !bridge.state().connected(), "the subscriber gone");
        odometry();
        await(() -> bridge.state().connected(), "odometry flowing");
    }

    @Test
    void should_heartbeat_odometry_from_the_robot_side_at_rest() throws Exception {
        server = RosbridgeTestServer.start(Options.ros2());
        // a robot that reports its state once and never again (at rest, nothing changes)
        org.classbot.bridge.RobotBridge still = org.classbot.bridge.Transports.forProfile("sim")
                .connect(ConnectionSpec.builder("sim").options(Map.of("sim.rate_hz", "20")).build());
        others.add(still);
        AutoCloseable served = RosbridgeRobotServer.start(new QuietRobot(still),
                spec(Map.of("rosbridge.ros_version", "2", "rosbridge.odom_period_ms", "50")));
        others.add(0, served);
        List<JsonNode> odom = new CopyOnWriteArrayList<>();
        RosbridgeClient agent = RosbridgeClient.connect(server.url(), Duration.ofSeconds(3));
        others.add(0, agent);
        agent.subscribe("/odom", "nav_msgs/msg/Odometry", odom::add);
        await(() -> odom.size() >= 10, "ten heartbeats without a state change");
    }

    /** Delivers no state updates: only the robot side's heartbeat can publish its odometry. */
    private record QuietRobot(org.classbot.bridge.RobotBridge inner) implements org.classbot.bridge.RobotBridge {
        @Override
        public void send(Twist twist) {
            inner.send(twist);
        }

        @Override
        public void stop() {
            inner.stop();
        }

        @Override
        public org.classbot.bridge.RobotState state() {
            return inner.state();
        }

        @Override
        public AutoCloseable subscribe(org.classbot.bridge.RobotStateListener listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }

    private static void await(BooleanSupplier c, String what) {
        org.classbot.bridge.Waits.await(c, WAIT, what);
    }
}
