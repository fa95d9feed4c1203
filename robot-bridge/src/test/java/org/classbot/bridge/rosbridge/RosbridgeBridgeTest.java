package org.classbot.bridge.rosbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.Transports;
import org.classbot.bridge.Twist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rosbridge client and bridge against a protocol-level rosbridge v2 WebSocket server. */
class RosbridgeBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RosbridgeTestServer server;
    private RosbridgeBridge bridge;

    @BeforeEach
    void startServer() throws IOException {
        server = RosbridgeTestServer.start();
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        server.close();
    }

    private RosbridgeBridge connect(Map<String, String> options) throws IOException {
        bridge = RosbridgeBridge.connect(ConnectionSpec.builder("rosbridge").endpoint(server.url()).options(options).build());
        return bridge;
    }

    /** The server, restarted with other behaviour. */
    private void serve(RosbridgeTestServer.Options o) throws IOException {
        server.close();
        server = RosbridgeTestServer.start(o);
    }

    /** The ops of one kind on one topic (the dialect probe's ops are on topics of its own). */
    /** The first {@code op} on {@code topic} the server received, waiting for it (ops travel asynchronously). */
    private JsonNode firstOp(String op, String topic) {
        await(() -> !ops(op, topic).isEmpty(), op + " " + topic + " at the server");
        return ops(op, topic).get(0);
    }

    private List<JsonNode> ops(String op, String topic) {
        return server.ops(op).stream().filter(o -> o.path("topic").asText().equals(topic)).toList();
    }

    private static boolean isOp(JsonNode o, String op, String topic) {
        return o.path("op").asText().equals(op) && o.path("topic").asText().equals(topic);
    }

    /** A robot's side: another client subscribed to /cmd_vel, seen through rosapi's /rosapi/subscribers. */
    private RosbridgeClient robotSide() throws IOException {
        RosbridgeClient robot = RosbridgeClient.connect(server.url(), Duration.ofSeconds(3));
        robot.subscribe("/cmd_vel", "geometry_msgs/msg/Twist", m -> { });
        return robot;
    }

    @Test
    void should_advertise_then_publish_ros2_twist_json() throws Exception {
        connect(Map.of("rosbridge.ros_version", "2"));
        bridge.send(Twist.of(0.3, -0.2));
        JsonNode publish = server.awaitOp(o -> isOp(o, "publish", "/cmd_vel"), WAIT);
        JsonNode advertise = firstOp("advertise", "/cmd_vel");
        assertThat(advertise.toString()).matches(
                "\\{\"op\":\"advertise\",\"id\":\"advertise:/cmd_vel:\\d+\",\"topic\":\"/cmd_vel\",\"type\":\"geometry_msgs/msg/Twist\"}");
        assertThat(publish.toString()).isEqualTo("{\"op\":\"publish\",\"topic\":\"/cmd_vel\",\"msg\":"
                + "{\"linear\":{\"x\":0.3,\"y\":0.0,\"z\":0.0},\"angular\":{\"x\":0.0,\"y\":0.0,\"z\":-0.2}}}");
        JsonNode subscribe = firstOp("subscribe", "/odom");
        assertThat(subscribe.path("type").asText()).isEqualTo("nav_msgs/msg/Odometry");
        // the server raised no error: the advertise came first and the message fits geometry_msgs/msg/Twist
        assertThat(server.received().indexOf(server.received().stream().filter(r -> r.op() == publish).findFirst().orElseThrow()))
                .isGreaterThan(server.received().indexOf(server.received().stream().filter(r -> r.op() == advertise).findFirst().orElseThrow()));
    }

    @Test
    void should_use_ros1_type_names_and_twist_stamped_when_asked() throws Exception {
        serve(new RosbridgeTestServer.Options(RosbridgeTestServer.Dialect.ROS1, true, false));
        List<RosbridgeClient.Status> statuses = new CopyOnWriteArrayList<>();
        connect(Map.of("rosbridge.ros_version", "1", "rosbridge.cmd_vel_stamped", "true"));
        bridge.client().onStatus(statuses::add);
        bridge.send(Twist.of(0.1, 0.0));
        JsonNode publish = server.awaitOp(o -> isOp(o, "publish", "/cmd_vel"), WAIT);
        assertThat(firstOp("advertise", "/cmd_vel").path("type").asText()).isEqualTo("geometry_msgs/TwistStamped");
        assertThat(firstOp("subscribe", "/odom").path("type").asText()).isEqualTo("nav_msgs/Odometry");
        assertThat(publish.path("msg").path("header").path("stamp").has("secs")).isTrue();
        assertThat(publish.path("msg").path("header").path("frame_id").asText()).isEqualTo("base_footprint");
        assertThat(publish.path("msg").path("twist").path("linear").path("x").asDouble()).isEqualTo(0.1);
        Thread.sleep(100);
        assertThat(statuses).as("server found nothing wrong").isEmpty();
    }

    @Test
    void should_ask_rosapi_whether_the_robot_wants_twist_stamped() throws Exception {
        server.service("/rosapi/topic_type", args -> JSON.createObjectNode().put("type",
                args.path("topic").asText().equals("/cmd_vel") ? "geometry_msgs/msg/TwistStamped" : ""));
        connect(Map.of("rosbridge.ros_version", "2"));
        bridge.send(Twist.of(0.2, 0.1));
        JsonNode publish = server.awaitOp(o -> isOp(o, "publish", "/cmd_vel"), WAIT);
        assertThat(firstOp("advertise", "/cmd_vel").path("type").asText()).isEqualTo("geometry_msgs/msg/TwistStamped");
        assertThat(publish.path("msg").path("header").path("stamp").has("nanosec")).isTrue();
        assertThat(publish.path("msg").path("twist").path("angular").path("z").asDouble()).isEqualTo(0.1);
        // ROS 2 headers have no seq
        assertThat(publish.path("msg").path("header").has("seq")).isFalse();
    }

    @Test
    void should_turn_ros2_odometry_into_state_even_when_fragmented() throws Exception {
        connect(Map.of());
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        bridge.subscribe(s -> seen.add(s.connected()));
        server.awaitOp(o -> isOp(o, "subscribe", "/odom"), WAIT);
        server.fragmentFramesOf(100);
        server.publish("/odom", JSON.readTree("""
                {"header":{"stamp":{"sec":1700000000,"nanosec":5},"frame_id":"odom"},"child_frame_id":"base_footprint",
                 "pose":{"pose":{"position":{"x":1.5,"y":-0.5,"z":0.0},"orientation":{"x":0,"y":0,"z":0.7071067811865476,"w":0.7071067811865476}},
                         "covariance":[]},
                 "twist":{"twist":{"linear":{"x":0.2,"y":0,"z":0},"angular":{"x":0,"y":0,"z":-0.1}},"covariance":[]}}"""));
        await(() -> bridge.state().timestampMillis() > 0, "odometry");
        assertThat(bridge.state().pose().x()).isEqualTo(1.5);
        assertThat(bridge.state().pose().y()).isEqualTo(-0.5);
        assertThat(bridge.state().pose().theta()).isCloseTo(Math.PI / 2, within(1e-9));
        assertThat(bridge.state().velocity()).isEqualTo(Twist.of(0.2, -0.1));
        assertThat(bridge.state().connected()).isTrue();
        assertThat(seen).contains(true);
    }

    @Test
    void should_ignore_odometry_with_bad_numbers() throws Exception {
        connect(Map.of());
        server.awaitOp(o -> isOp(o, "subscribe", "/odom"), WAIT);
        server.publish("/odom", JSON.readTree("{\"pose\":{\"pose\":{\"position\":{\"x\":\"NaN\",\"y\":0}}}}"));
        server.publish("/odom", JSON.readTree("{\"pose\":{\"pose\":{\"position\":{\"x\":2.0,\"y\":1.0}}}}"));
        await(() -> bridge.state().timestampMillis() > 0, "the valid odometry");
        assertThat(bridge.state().pose().x()).isEqualTo(2.0);
    }

    @Test
    void should_call_services_and_report_failures() throws Exception {
        connect(Map.of());
        server.service("/rosapi/topics", args -> {
            com.fasterxml.jackson.databind.node.ObjectNode v = JSON.createObjectNode();
            v.putArray("topics").add("/cmd_vel").add("/odom");
            return v;
        });
        JsonNode values = bridge.client().callService("/rosapi/topics", JSON.createObjectNode()).get(10, TimeUnit.SECONDS);
        assertThat(values.path("topics")).hasSize(2);
        JsonNode call = server.ops("call_service").stream()
                .filter(o -> o.path("service").asText().equals("/rosapi/topics")).findFirst().orElseThrow();
        assertThat(call.path("id").asText()).startsWith("call_service:/rosapi/topics:");

        assertThatThrownBy(() -> bridge.client().callService("/nope", null).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("does not exist");
    }

    @Test
    void should_pass_status_messages_to_listeners() throws Exception {
        connect(Map.of());
        List<RosbridgeClient.Status> statuses = new CopyOnWriteArrayList<>();
        bridge.client().onStatus(statuses::add);
        // publishing on a topic the server does not know as advertised makes it answer with a status error
        bridge.client().advertise("/raw", "std_msgs/msg/String");
        bridge.client().publish("/raw", JSON.createObjectNode().put("data", 5));
        await(() -> !statuses.isEmpty(), "a status error");
        assertThat(statuses.get(0).level()).isEqualTo("error");
        assertThat(statuses.get(0).msg()).contains("data must be a string");
        server.broadcastStatus("warning", "low battery");
        await(() -> statuses.size() >= 2, "the warning");
        assertThat(statuses.get(1)).isEqualTo(new RosbridgeClient.Status("warning", "low battery", null));
    }

    @Test
    void should_unsubscribe_with_the_subscription_id() throws Exception {
        connect(Map.of());
        List<JsonNode> got = new CopyOnWriteArrayList<>();
        AutoCloseable handle = bridge.client().subscribe("/chatter", "std_msgs/msg/String", got::add);
        JsonNode sub = server.awaitOp(o -> isOp(o, "subscribe", "/chatter"), WAIT);
        handle.close();
        JsonNode unsub = server.awaitOp(o -> isOp(o, "unsubscribe", "/chatter"), WAIT);
        assertThat(unsub.path("id").asText()).isEqualTo(sub.path("id").asText());
        assertThat(unsub.path("topic").asText()).isEqualTo("/chatter");
        server.publish("/chatter", JSON.createObjectNode().put("data", "late"));
        Thread.sleep(200);
        assertThat(got).isEmpty();
    }

    @Test
    void should_reconnect_and_readvertise_and_resubscribe_after_an_outage() throws Exception {
        serve(RosbridgeTestServer.Options.ros2().withRosapi(true));
        RosbridgeClient robot = robotSide();
        connect(Map.of("rosbridge.subscribers_poll_ms", "100"));
        await(() -> bridge.state().connected(), "the robot's side seen through rosapi");
        List<Boolean> links = new CopyOnWriteArrayList<>();
        bridge.subscribe(s -> {
            if (links.isEmpty() || links.get(links.size() - 1) != s.connected()) {
                links.add(s.connected());
            }
        });
        server.awaitOp(o -> isOp(o, "subscribe", "/odom"), WAIT);
        server.stop();
        await(() -> !bridge.state().connected(), "the bridge to notice the outage");
        bridge.send(Twist.of(0.4, 0)); // dropped, not queued: a late command is worse than none
        assertThat(bridge.client().droppedWhileDown()).isEqualTo(1);
        server.restart();
        await(() -> bridge.state().connected(), "reconnection");
        await(() -> ops("advertise", "/cmd_vel").size() >= 2 && ops("subscribe", "/odom").size() >= 2, "re-advertise and resubscribe");
        assertThat(links).containsSubsequence(false, true);
        bridge.send(Twist.of(0.5, 0));
        server.awaitOp(o -> isOp(o, "publish", "/cmd_vel") && o.path("msg").path("linear").path("x").asDouble() == 0.5, WAIT);
        assertThat(ops("publish", "/cmd_vel")).noneMatch(o -> o.path("msg").path("linear").path("x").asDouble() == 0.4);
        server.publish("/odom", JSON.readTree("{\"pose\":{\"pose\":{\"position\":{\"x\":3.0,\"y\":0}}}}"));
        await(() -> bridge.state().pose().x() == 3.0, "odometry after the outage");
        robot.close();
    }

    @Test
    void should_notice_a_silently_dead_link_by_its_missing_pongs_and_reconnect() throws Exception {
        connect(Map.of("rosbridge.heartbeat_ms", "100"));
        server.awaitOp(o -> isOp(o, "subscribe", "/odom"), WAIT);
        Thread.sleep(500);
        assertThat(bridge.client().connected()).as("pongs keep the link up").isTrue();
        server.freezeConnections();
        long t0 = System.nanoTime();
        await(() -> !bridge.client().connected(), "the missing pongs to be noticed");
        long noticedMs = (System.nanoTime() - t0) / 1_000_000;
        // three 100 ms intervals plus scheduling slack on a loaded machine
        assertThat(noticedMs).isLessThan(3000);
        await(() -> bridge.client().connected(), "a new connection");
        await(() -> ops("subscribe", "/odom").size() >= 2, "the resubscription");
    }

    @Test
    void should_report_disconnected_when_odometry_stops_and_connected_when_it_returns() throws Exception {
        connect(Map.of("rosbridge.odom_timeout_ms", "300"));
        server.awaitOp(o -> isOp(o, "subscribe", "/odom"), WAIT);
        JsonNode odom = JSON.readTree("{\"pose\":{\"pose\":{\"position\":{\"x\":1.0,\"y\":0}}}}");
        server.publish("/odom", odom);
        await(() -> bridge.state().timestampMillis() > 0, "odometry");
        assertThat(bridge.state().connected()).isTrue();
        await(() -> !bridge.state().connected(), "the silent robot to be noticed");
        assertThat(bridge.client().connected()).as("the WebSocket itself is fine").isTrue();
        server.publish("/odom", odom);
        await(() -> bridge.state().connected(), "odometry to return");
    }

    @Test
    void should_say_what_is_wrong_when_nothing_listens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConnectionSpec spec = ConnectionSpec.builder("rosbridge").endpoint(URI.create("ws://127.0.0.1:" + port)).build();
        assertThatThrownBy(() -> Transports.forProfile("rosbridge").connect(spec))
                .isInstanceOf(RobotBridgeException.class)
                .hasMessageContaining("cannot reach rosbridge at ws://127.0.0.1:" + port)
                .hasMessageContaining("--rosbridge-url");
        assertThatThrownBy(() -> RosbridgeBridge.connect(ConnectionSpec.builder("rosbridge")
                .endpoint(URI.create("http://127.0.0.1:9090")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws://HOST:9090");
    }

    private static void await(BooleanSupplier c, String what) {
        org.classbot.bridge.Waits.await(c, WAIT, what);
    }
}
