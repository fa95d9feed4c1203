package org.classbot.bridge.ros1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.junit.jupiter.api.Test;

/** How the node finds its master and its own address (ROS's environment rules), and TCPROS framing. */
class NodeConfigTest {

    private static final ConnectionSpec BARE = ConnectionSpec.builder("ros1").build();

    @Test
    void should_default_to_loopback_and_the_standard_master() {
        NodeConfig c = NodeConfig.from(BARE, Map.of(), "/n");
        assertThat(c.masterUri()).isEqualTo(URI.create("http://127.0.0.1:11311"));
        assertThat(c.advertiseHost()).isEqualTo("127.0.0.1");
        assertThat(c.bindAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void should_honour_ros_master_uri_ros_ip_and_ros_hostname_with_the_spec_winning() {
        NodeConfig env = NodeConfig.from(BARE, Map.of("ROS_MASTER_URI", "http://127.0.0.2:11411", "ROS_HOSTNAME", "localhost"), "/n");
        assertThat(env.masterUri()).isEqualTo(URI.create("http://127.0.0.2:11411"));
        assertThat(env.advertiseHost()).isEqualTo("localhost");
        NodeConfig ip = NodeConfig.from(BARE, Map.of("ROS_IP", "127.0.0.3", "ROS_HOSTNAME", "localhost"), "/n");
        assertThat(ip.advertiseHost()).as("ROS_IP wins over ROS_HOSTNAME, as in roscpp").isEqualTo("127.0.0.3");
        assertThat(ip.bindAddress().getHostAddress()).isEqualTo("127.0.0.3");
        ConnectionSpec spec = ConnectionSpec.builder("ros1").endpoint(URI.create("http://127.0.0.1:12000")).build();
        assertThat(NodeConfig.from(spec, Map.of("ROS_MASTER_URI", "http://127.0.0.2:11411"), "/n").masterUri().getPort())
                .isEqualTo(12000);
    }

    @Test
    void should_reject_bad_uris_names_and_topics_with_the_fix() {
        ConnectionSpec ws = ConnectionSpec.builder("ros1").endpoint(URI.create("ws://127.0.0.1:9090")).build();
        assertThatThrownBy(() -> NodeConfig.from(ws, Map.of(), "/n")).hasMessageContaining("http://HOST:PORT");
        ConnectionSpec badName = ConnectionSpec.builder("ros1").options(Map.of("ros.node_name", "9lives")).build();
        assertThatThrownBy(() -> NodeConfig.from(badName, Map.of(), "/n")).hasMessageContaining("not a valid ROS node name");
        assertThatThrownBy(() -> NodeConfig.topic("cmd vel")).hasMessageContaining("not a valid ROS topic name");
        assertThat(NodeConfig.topic("cmd_vel")).isEqualTo("/cmd_vel");
        assertThat(NodeConfig.sanitize("class-bot.1")).isEqualTo("class_bot_1");
        assertThat(NodeConfig.sanitize("1bot")).isEqualTo("r1bot");
    }

    @Test
    void should_round_trip_connection_headers_and_refuse_broken_ones() throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("callerid", "/classbot");
        h.put("topic", "/cmd_vel");
        h.put("message_definition", "float64 x\nfloat64 y=2 # a = sign in a value\n");
        byte[] wire = TcpRos.encodeHeader(h);
        assertThat(TcpRos.readHeader(new ByteArrayInputStream(wire))).containsExactlyEntriesOf(h);
        byte[] noEquals = TcpRos.frame(new byte[] {5, 0, 0, 0, 'a', 'b', 'c', 'd', 'e'});
        assertThatThrownBy(() -> TcpRos.readHeader(new ByteArrayInputStream(noEquals))).hasMessageContaining("without '='");
        byte[] tooLong = TcpRos.frame(new byte[] {(byte) 200, 0, 0, 0, 'a', '=', 'b'});
        assertThatThrownBy(() -> TcpRos.readHeader(new ByteArrayInputStream(tooLong))).hasMessageContaining("exceeds the header");
        byte[] huge = {0, 0, 0, 0x7f};
        assertThatThrownBy(() -> TcpRos.readHeader(new ByteArrayInputStream(huge))).hasMessageContaining("exceeds the limit");
    }
}
