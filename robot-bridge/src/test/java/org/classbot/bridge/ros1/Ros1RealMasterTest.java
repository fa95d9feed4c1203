package org.classbot.bridge.ros1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Transports;
import org.classbot.bridge.Twist;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClassBot's ROS 1 node against a real rosmaster, rostopic and a rospy robot base. */
class Ros1RealMasterTest {

    private RosPeers ros;
    private Ros1Bridge bridge;

    @BeforeEach
    void startMaster() throws IOException {
        ros = RosPeers.start();
    }

    @AfterEach
    void stopAll() {
        if (bridge != null) {
            bridge.close();
        }
        ros.close();
    }

    private Ros1Bridge connect() throws IOException {
        ConnectionSpec spec = ConnectionSpec.builder("ros1").endpoint(ros.masterUri())
                .options(Map.of("ros.master_poll_ms", "200")).build();
        bridge = Ros1Bridge.connect(spec, Map.of());
        return bridge;
    }

    @Test
    void should_publish_cmd_vel_that_rostopic_echo_prints() throws IOException {
        connect();
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "-n", "1", "/cmd_vel");
        String out = echo.awaitOutput(o -> o.contains("angular"), Duration.ofSeconds(30),
                () -> bridge.send(Twist.of(0.25, -0.5)));
        assertThat(out).contains("linear:", "x: 0.25", "angular:", "z: -0.5");
        assertThat(echo.awaitExit(Duration.ofSeconds(10))).isZero();
    }

    @Test
    void should_receive_odom_that_rostopic_pub_sends() throws IOException {
        connect();
        ros.run("/usr/bin/rostopic", "pub", "-r", "10", "/odom", "nav_msgs/Odometry",
                "{header: {frame_id: odom}, pose: {pose: {position: {x: 1.5, y: -2.0}, "
                        + "orientation: {z: 0.7071068, w: 0.7071068}}}, twist: {twist: {linear: {x: 0.3}, angular: {z: 0.1}}}}");
        await(() -> bridge.state().timestampMillis() > 0, Duration.ofSeconds(30), "odometry from rostopic pub");
        RobotState s = bridge.state();
        assertThat(s.pose().x()).isEqualTo(1.5);
        assertThat(s.pose().y()).isEqualTo(-2.0);
        assertThat(s.pose().theta()).isCloseTo(Math.PI / 2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.velocity()).isEqualTo(Twist.of(0.3, 0.1));
    }

    @Test
    void should_drive_a_rospy_robot_and_read_its_odometry() throws IOException {
        connect();
        RosPeers.Peer robot = ros.python("unicycle.py");
        await(() -> bridge.state().connected() && bridge.state().timestampMillis() > 0, Duration.ofSeconds(30),
                "the rospy unicycle to connect; its output: " + robot.output());
        assertThat(bridge.state().pose().x()).isEqualTo(0.0);
        // a second subscriber of the same commands: every subscriber gets every message
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "/cmd_vel");
        await(() -> bridge.commandSubscribers() == 2, Duration.ofSeconds(30), "rostopic echo to subscribe too");

        long end = System.currentTimeMillis() + 1000;
        while (System.currentTimeMillis() < end) {
            bridge.send(Twist.of(0.5, 0.0));
            RosPeers.sleep(50);
        }
        echo.awaitOutput(o -> o.contains("x: 0.5"), Duration.ofSeconds(10), null);
        bridge.stop();
        await(() -> bridge.state().velocity().isZero(), Duration.ofSeconds(5), "the robot to stop");
        double x = bridge.state().pose().x();
        // 0.5 m/s for ~1 s: about 0.5 m; slack for a loaded machine's scheduling
        assertThat(x).isBetween(0.3, 0.75);
        assertThat(bridge.state().pose().y()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void should_report_a_frozen_robot_as_disconnected_until_its_odometry_returns() throws Exception {
        connect();
        RosPeers.Peer robot = ros.python("unicycle.py");
        await(() -> bridge.state().connected() && bridge.state().timestampMillis() > 0, Duration.ofSeconds(30),
                "the unicycle");
        String pid = Long.toString(robot.process.pid());
        try {
            // SIGSTOP: the robot freezes, its TCP connections stay open, only the odometry stops
            new ProcessBuilder("kill", "-STOP", pid).start().waitFor();
            await(() -> !bridge.state().connected(), Duration.ofSeconds(10), "the frozen robot to be noticed");
            assertThat(bridge.commandSubscribers()).as("its connection is still open").isEqualTo(1);
        } finally {
            new ProcessBuilder("kill", "-CONT", pid).start().waitFor();
        }
        await(() -> bridge.state().connected(), Duration.ofSeconds(10), "the robot to come back");
    }

    @Test
    void should_reregister_when_the_master_restarts() throws IOException {
        connect();
        List<Boolean> links = new CopyOnWriteArrayList<>();
        ros.python("unicycle.py");
        await(() -> bridge.state().connected(), Duration.ofSeconds(30), "the unicycle to connect");
        bridge.subscribe(s -> {
            if (links.isEmpty() || links.get(links.size() - 1) != s.connected()) {
                links.add(s.connected());
            }
        });

        ros.killMaster();
        await(() -> !bridge.state().connected(), Duration.ofSeconds(10), "the bridge to notice the lost master");
        ros.startMaster();
        await(() -> bridge.registrationRounds() >= 2 && bridge.state().connected(), Duration.ofSeconds(20),
                "re-registration with the new master");
        assertThat(links).containsSubsequence(false, true);

        Ros1Node probe = Ros1Node.start(NodeConfig.from(ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build(),
                Map.of(), "/probe"));
        try {
            assertThat(probe.publishersOf("/cmd_vel")).contains(bridge.nodeName());
            assertThat(probe.subscribersOf("/odom")).contains(bridge.nodeName());
            assertThat(probe.lookupNode(bridge.nodeName()).getPort()).isPositive();
            assertThat(probe.publishedTopics()).containsEntry("/cmd_vel", "geometry_msgs/Twist");
        } finally {
            probe.close();
        }
        // new peers find ClassBot through the new master, both ways
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "-n", "1", "/cmd_vel");
        echo.awaitOutput(o -> o.contains("x: 0.125"), Duration.ofSeconds(30), () -> bridge.send(Twist.of(0.125, 0)));
        ros.run("/usr/bin/rostopic", "pub", "-r", "10", "/odom", "nav_msgs/Odometry",
                "{pose: {pose: {position: {x: 42.0}, orientation: {w: 1.0}}}}");
        await(() -> bridge.state().pose().x() == 42.0, Duration.ofSeconds(30), "odometry from a publisher started after the restart");
    }

    @Test
    void should_publish_speech_as_std_msgs_string() throws IOException {
        connect();
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "-n", "1", "/say");
        String out = echo.awaitOutput(o -> o.contains("data:"), Duration.ofSeconds(30), () -> bridge.say("你好, class"));
        assertThat(out).contains("data: \"\\u4F60\\u597D, class\"");
    }

    @Test
    void should_serve_a_simulated_robot_to_rostopic() throws Exception {
        ConnectionSpec spec = ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build();
        try (RobotBridge sim = Transports.forProfile("sim").connect(ConnectionSpec.builder("sim").build());
             AutoCloseable served = Transports.forProfile("ros1").serve(sim, spec)) {
            RosPeers.Peer odom = ros.run("/usr/bin/rostopic", "echo", "-n", "1", "/odom");
            assertThat(odom.awaitOutput(o -> o.contains("covariance"), Duration.ofSeconds(30), null))
                    .contains("frame_id: \"odom\"", "child_frame_id: \"base_footprint\"", "orientation:");
            ros.run("/usr/bin/rostopic", "pub", "-r", "10", "/cmd_vel", "geometry_msgs/Twist", "{linear: {x: 0.3}}");
            await(() -> sim.state().pose().x() > 0.05, Duration.ofSeconds(30), "the simulator to move on rostopic's /cmd_vel");
            assertThat(sim.state().velocity().linear()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void should_say_what_is_wrong_when_no_master_runs() throws IOException {
        ConnectionSpec spec = ConnectionSpec.builder("ros1")
                .endpoint(java.net.URI.create("http://127.0.0.1:" + RosPeers.freePort())).build();
        assertThatThrownBy(() -> Ros1Bridge.connect(spec, Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach ROS master http://127.0.0.1:")
                .hasMessageContaining("start roscore");
    }

    @Test
    void should_say_which_address_cannot_be_used_when_ros_ip_is_not_local() {
        ConnectionSpec spec = ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build();
        // TEST-NET-1: never an address of this machine; binding fails locally, nothing is sent
        assertThatThrownBy(() -> Ros1Bridge.connect(spec, Map.of("ROS_IP", "192.0.2.1")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot listen on 192.0.2.1")
                .hasMessageContaining("ROS_IP");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        org.classbot.bridge.Waits.await(condition, timeout, what);
    }
}
