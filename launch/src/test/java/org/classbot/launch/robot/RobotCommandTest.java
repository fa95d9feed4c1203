package org.classbot.launch.robot;

import org.classbot.launch.app.Json;
import org.classbot.launch.app.CliRunner;

import static org.classbot.launch.app.CliRunner.run;
import org.classbot.launch.app.CliRunner.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classbot robot ...} in-process on the built-in simulator (--profile sim). */
class RobotCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_drive_the_simulator_and_report_the_pose_as_json() throws Exception {
        Run r = run("robot", "drive", "--profile", "sim", "--linear", "0.2", "--angular", "0", "--duration", "1", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("robot").asText()).isEqualTo("classbot1");
        assertThat(doc.path("end").path("x").asDouble()).as("about 0.2 m/s for 1 s, less the ramp").isBetween(0.12, 0.3);
        assertThat(doc.path("clamped").asBoolean()).isFalse();
    }

    @Test
    void should_print_human_text_with_the_robot_stopped() {
        Run r = run("robot", "drive", "--profile", "sim", "--linear", "0", "--angular", "0.5", "--duration", "0.5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("drove classbot1 (sim)").contains("stopped");
    }

    @Test
    void should_clamp_to_the_configured_speed_limit() throws Exception {
        Path cfg = dir.resolve("classbot.yaml");
        Files.writeString(cfg, "robot:\n  safety:\n    max_linear_mps: 0.1\n");
        Run r = run("robot", "drive", "--config", cfg.toString(), "--linear", "0.4", "--duration", "0.8", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("clamped").asBoolean()).isTrue();
        assertThat(doc.path("max_measured").path("linear").asDouble()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void should_refuse_bad_input_with_one_line_and_exit_2() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[][] bad = {
                {"robot", "drive", "--linear", "NaN", "--duration", "1"},
                {"robot", "drive", "--linear", "0.1", "--duration", "0"},
                {"robot", "drive", "--linear", "50", "--duration", "1"},
                {"robot", "drive", "--linear", "fast", "--duration", "1"},
                {"robot", "drive", "--linear", "0.1", "--duration", "1", "--profile", "warp"},
                {"robot", "drive", "--linear", "0.1", "--duration", "1", "--profile", "mqtt", "--mqtt-url", "localhost"},
                {"robot", "drive", "--linear", "0.1", "--duration", "1", "--robot", "a/b"},
                {"robot", "status", "--profile", "mqtt", "--mqtt-url", "tcp://127.0.0.1:" + port},
                {"robot", "drive", "--linear", "0.1", "--duration", "1", "--config", dir.resolve("missing.yaml").toString()},
                {"robot"},
        };
        for (String[] args : bad) {
            Run r = run(args);
            assertThat(r.exit()).as("%s -> %s", String.join(" ", args), r.err()).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).startsWith("classbot:").doesNotContain("\n").doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        assertThat(run("robot", "drive", "--linear", "50", "--duration", "1").err()).contains("out of range").contains("nothing was sent");
        assertThat(run("robot", "status", "--profile", "mqtt", "--mqtt-url", "tcp://127.0.0.1:" + port).err())
                .contains("cannot reach the MQTT broker at tcp://127.0.0.1:" + port);
        assertThat(run("robot", "drive", "--linear", "0.1", "--duration", "1", "--profile", "warp").err())
                .contains("unknown robot profile 'warp'").contains("sim").contains("mqtt");
    }

    @Test
    void should_show_status_and_latch_and_reset_the_estop() throws Exception {
        Run s = run("robot", "status", "--json");
        assertThat(s.exit()).as(s.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(s.out());
        assertThat(doc.path("connected").asBoolean()).isTrue();
        assertThat(doc.path("battery").asDouble()).isPositive();
        Run e = run("robot", "estop");
        assertThat(e.exit()).as(e.err()).isZero();
        assertThat(e.out()).contains("e-stop latched").contains("classbot robot reset");
        Run r = run("robot", "reset", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("action").asText()).isEqualTo("reset");
    }
}
