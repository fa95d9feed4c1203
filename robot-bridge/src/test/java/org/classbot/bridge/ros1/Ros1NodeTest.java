package org.classbot.bridge.ros1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.ros1.msg.RosTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node's slave API and TCPROS rules, seen by ROS's own tools and by a second node. */
class Ros1NodeTest {

    private RosPeers ros;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startMaster() throws IOException {
        ros = RosPeers.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        ros.close();
    }

    private Ros1Node node(String name) throws IOException {
        Ros1Node n = Ros1Node.start(NodeConfig.from(ConnectionSpec.builder("ros1").endpoint(ros.masterUri())
                .options(Map.of("ros.master_poll_ms", "200")).build(), Map.of(), name));
        open.add(n);
        return n;
    }

    @Test
    void should_answer_rosnode_info_with_its_topics_and_connections() throws IOException {
        Ros1Node n = node("/classbot_info");
        Publication<RosTwist> pub = n.advertise("/cmd_vel", RosTypes.TWIST, false);
        n.subscribe("odom", RosTypes.ODOMETRY, o -> { });
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "/cmd_vel");
        Ros1RealMasterTest.await(() -> pub.subscriberCount() == 1, Duration.ofSeconds(30), "rostopic echo to connect");
        RosPeers.Peer info = ros.run("/usr/bin/rosnode", "info", "/classbot_info");
        String out = info.awaitOutput(o -> o.contains("Connections:") && o.contains("TCPROS"), Duration.ofSeconds(30), null);
        assertThat(out).contains("Publications:", "/cmd_vel [geometry_msgs/Twist]", "Subscriptions:", " * /odom [",
                "Pid: " + ProcessHandle.current().pid(), "direction: outbound", "transport: TCPROS");
        assertThat(echo.alive()).isTrue();
    }

    @Test
    void should_refuse_a_subscriber_of_another_type_and_keep_serving_the_rest() throws IOException {
        Ros1Node a = node("/classbot_pub");
        Ros1Node b = node("/classbot_wrong");
        Publication<RosTwist> pub = a.advertise("/cmd_vel", RosTypes.TWIST, false);
        Subscription<String> wrong = b.subscribe("/cmd_vel", RosTypes.STRING, s -> { });
        List<RosTwist> got = new CopyOnWriteArrayList<>();
        Ros1Node c = node("/classbot_right");
        c.subscribe("/cmd_vel", RosTypes.TWIST, got::add);
        Ros1RealMasterTest.await(() -> pub.subscriberCount() == 1, Duration.ofSeconds(20), "the matching subscriber");
        RosPeers.sleep(500);
        assertThat(pub.subscriberCount()).as("the std_msgs/String subscriber was refused").isEqualTo(1);
        assertThat(wrong.connectedPublishers()).isZero();
        pub.publish(new RosTwist(0.1, 0, 0, 0, 0, 0.2));
        Ros1RealMasterTest.await(() -> !got.isEmpty(), Duration.ofSeconds(10), "the message");
        assertThat(got.get(0)).isEqualTo(new RosTwist(0.1, 0, 0, 0, 0, 0.2));
    }

    @Test
    void should_latch_the_last_message_for_late_subscribers() throws IOException {
        Ros1Node a = node("/classbot_latch");
        Publication<String> pub = a.advertise("/say", RosTypes.STRING, true);
        pub.publish("first");
        pub.publish("latched hello");
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "-n", "1", "/say");
        assertThat(echo.awaitOutput(o -> o.contains("data:"), Duration.ofSeconds(30), null)).contains("data: \"latched hello\"")
                .doesNotContain("first");
    }

    @Test
    void should_stop_claiming_the_link_when_another_node_takes_its_name() throws IOException {
        Ros1Node first = node("/classbot_same");
        first.advertise("/a", RosTypes.STRING, false);
        List<Boolean> up = new CopyOnWriteArrayList<>();
        first.onMasterState(up::add);
        node("/classbot_same").advertise("/b", RosTypes.STRING, false);
        Ros1RealMasterTest.await(() -> first.shutdownReason() != null, Duration.ofSeconds(10), "the master's shutdown call");
        assertThat(first.masterUp()).isFalse();
        assertThat(up).containsExactly(false);
        assertThat(first.shutdownReason()).containsIgnoringCase("new node registered with same name");
    }
}
