package org.classbot.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one millisecond-option parser all transports use (MQTT, ROS 1, rosbridge). */
class ConnectionSpecMillisTest {

    private static ConnectionSpec spec(String key, String value) {
        return ConnectionSpec.builder("mqtt").options(Map.of(key, value)).build();
    }

    @Test
    void should_give_the_default_when_absent_or_blank_and_the_number_otherwise() {
        assertThat(ConnectionSpec.builder("mqtt").build().millis("mqtt.odom_timeout_ms", 1000, 1, false)).isEqualTo(1000);
        assertThat(spec("mqtt.odom_timeout_ms", "  ").millis("mqtt.odom_timeout_ms", 1000, 1, false)).isEqualTo(1000);
        assertThat(spec("mqtt.odom_timeout_ms", " 250 ").millis("mqtt.odom_timeout_ms", 1000, 1, false)).isEqualTo(250);
        assertThat(spec("rosbridge.heartbeat_ms", "0").millis("rosbridge.heartbeat_ms", 200, 50, true)).isZero();
    }

    @Test
    void should_refuse_a_non_number_in_one_bilingual_line_naming_the_key() {
        assertThatThrownBy(() -> spec("ros.odom_timeout_ms", "1s").millis("ros.odom_timeout_ms", 1000, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ros.odom_timeout_ms must be a whole number of milliseconds, got '1s' / ros.odom_timeout_ms 应为整数毫秒");
    }

    @Test
    void should_refuse_a_value_below_the_minimum_unless_zero_means_off() {
        assertThatThrownBy(() -> spec("rosbridge.heartbeat_ms", "10").millis("rosbridge.heartbeat_ms", 200, 50, true))
                .hasMessageContaining("must be 0 (off) or at least 50, got 10").hasMessageContaining("至少为 50");
        assertThatThrownBy(() -> spec("mqtt.connect_timeout_ms", "0").millis("mqtt.connect_timeout_ms", 5000, 1, false))
                .hasMessageContaining("must be at least 1, got 0");
        assertThatThrownBy(() -> spec("ros.master_poll_ms", "-5").millis("ros.master_poll_ms", 1000, 0, false))
                .hasMessageContaining("at least 0, got -5");
    }
}
