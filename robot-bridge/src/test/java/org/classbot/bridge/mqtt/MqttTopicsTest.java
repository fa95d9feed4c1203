package org.classbot.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MqttTopicsTest {

    @Test
    void should_name_the_design_topics() {
        MqttTopics t = new MqttTopics("classbot1");
        assertThat(t.cmdVel()).isEqualTo("classbot/classbot1/cmd_vel");
        assertThat(t.odom()).isEqualTo("classbot/classbot1/odom");
        assertThat(t.status()).isEqualTo("classbot/classbot1/status");
        assertThat(t.estop()).isEqualTo("classbot/classbot1/estop");
        assertThat(t.say()).isEqualTo("classbot/classbot1/say");
        assertThat(t.perception()).isEqualTo("classbot/classbot1/perception");
        assertThat(MqttTopics.robotOf("classbot/r2/status")).isEqualTo("r2");
        assertThat(MqttTopics.robotOf("other/r2/status")).isNull();
    }

    @Test
    void should_refuse_robot_ids_that_break_topics() {
        for (String bad : new String[] {"", "a/b", "a+b", "a#", "with space"}) {
            assertThatThrownBy(() -> new MqttTopics(bad)).hasMessageContaining("robot id");
        }
    }

    @Test
    void should_match_topic_filters_like_a_broker() {
        assertThat(MqttLink.matches("classbot/+/status", "classbot/r1/status")).isTrue();
        assertThat(MqttLink.matches("classbot/+/status", "classbot/r1/odom")).isFalse();
        assertThat(MqttLink.matches("classbot/#", "classbot/r1/odom")).isTrue();
        assertThat(MqttLink.matches("classbot/r1/odom", "classbot/r1/odom")).isTrue();
        assertThat(MqttLink.matches("classbot/+", "classbot/r1/odom")).isFalse();
    }

    @Test
    void should_read_status_json_and_bare_words() throws Exception {
        RobotStatus s = RobotStatus.parse("r1", "{\"robot\":\"r1\",\"state\":\"online\",\"estopped\":true,\"battery\":0.5,\"ts\":9}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(s.online()).isTrue();
        assertThat(s.estopped()).isTrue();
        assertThat(s.battery()).hasValue(0.5);
        assertThat(RobotStatus.parse("r1", "offline".getBytes()).online()).isFalse();
        assertThatThrownBy(() -> RobotStatus.parse("r1", "{\"state\":\"sleepy\"}".getBytes())).hasMessageContaining("online");
        assertThat(new String(org.classbot.bridge.transport.Messages.bytes(s.toJson())))
                .isEqualTo("{\"robot\":\"r1\",\"state\":\"online\",\"estopped\":true,\"battery\":0.5,\"ts\":9}");
    }
}
