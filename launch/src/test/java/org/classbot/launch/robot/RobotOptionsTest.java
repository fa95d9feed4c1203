package org.classbot.launch.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.classbot.launch.app.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.classbot.bridge.Transports;
import org.classbot.launch.app.CliRunner.Run;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transport options: documented with their defaults, reachable from YAML, env and flags, typos refused. */
class RobotOptionsTest {

    /** Options that have a typed key of their own in classbot-defaults.yaml (or are set by `classbot sim`). */
    private static final Map<String, String> TYPED = Map.of(
            "mqtt.embedded_port", "robot.mqtt.embedded_port", "mqtt.ca_file", "robot.mqtt.ca_file",
            "mqtt.odom_hz", "robot.mqtt.odom_hz", "sim.rate_hz", "robot.sim.rate_hz", "sim.battery", "robot.sim.battery",
            "sim.start", "robot.sim.start", "sim.walls", "robot.map.walls", "sim.dock", "robot.places.charging_station.x",
            "sim.say", "robot.profile");

    @TempDir
    Path dir;

    @Test
    void should_list_every_transport_option_with_its_default_in_classbot_defaults() {
        ClassbotConfig c = ClassbotConfig.load(null, Map.of());
        Map<String, String> options = Transports.options();
        assertThat(options).containsKeys("rosbridge.ros_version", "rosbridge.cmd_vel_stamped", "ros.odom_timeout_ms",
                "mqtt.odom_timeout_ms");
        options.forEach((key, dflt) -> {
            if (TYPED.containsKey(key)) {
                assertThat(c.documentedKeys()).as("typed key for %s", key).contains(TYPED.get(key));
            } else {
                assertThat(c.documentedKeys()).as("robot.options.%s documented", key).contains("robot.options." + key);
                assertThat(c.defaultOf("robot.options." + key)).as("default of %s", key).isEqualTo(dflt);
            }
        });
        assertThat(c.documentedKeys().stream().filter(k -> k.startsWith("robot.options.")).map(k -> k.substring(14)))
                .as("nothing documented that no transport reads").allMatch(options::containsKey);
    }

    @Test
    void should_take_nested_options_from_the_environment_and_the_flags() {
        ClassbotConfig c = ClassbotConfig.load(null, Map.of("CLASSBOT_ROBOT_OPTIONS_ROSBRIDGE_ROS_VERSION", "1"));
        RobotFactory f = new RobotFactory(Settings.from(c, Map.of()).robot());
        ConnectionOptions flags = new ConnectionOptions("rosbridge", null, null, null, "ws://127.0.0.1:9090");
        assertThat(f.spec(flags).option("rosbridge.ros_version")).hasValue("1");
        flags.rosbridgeRosVersion = "2";
        flags.robotOptions = List.of("rosbridge.cmd_vel_stamped=true");
        assertThat(f.spec(flags).option("rosbridge.ros_version")).hasValue("2");
        assertThat(f.spec(flags).option("rosbridge.cmd_vel_stamped")).hasValue("true");
    }

    @Test
    void should_refuse_an_unknown_option_naming_it_and_the_nearest_key() throws Exception {
        Run r = run("robot", "drive", "--profile", "sim", "--linear", "0.1", "--duration", "0.2", "--robot-option", "sim.rate_hzz=30");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("unknown robot option 'sim.rate_hzz'").contains("did you mean 'sim.rate_hz'")
                .doesNotContain("\n" + "\tat ");
        assertThat(r.out()).isEmpty();

        Path cfg = dir.resolve("classbot.yaml");
        Files.writeString(cfg, "robot:\n  options:\n    rosbridge:\n      ros_versoin: 1\n");
        r = run("robot", "drive", "--config", cfg.toString(), "--linear", "0.1", "--duration", "0.2");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("'rosbridge.ros_versoin'").contains("did you mean 'rosbridge.ros_version'");

        r = run("robot", "drive", "--linear", "0.1", "--duration", "0.2", "--robot-option", "novalue");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("KEY=VALUE");
    }

    /** One endpoint per connection, the chosen transport's: another transport's flag is a mistake said plainly. */
    @Test
    void should_refuse_another_transports_endpoint_flag() throws Exception {
        Run r = run("robot", "drive", "--profile", "sim", "--linear", "0.1", "--duration", "0.2", "--mqtt-url", "tcp://127.0.0.1:1883");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--mqtt-url is for --profile mqtt").contains("--profile sim");
        assertThat(r.out()).isEmpty();
    }
}
