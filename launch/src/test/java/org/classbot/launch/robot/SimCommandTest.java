package org.classbot.launch.robot;

import org.classbot.launch.app.Json;
import org.classbot.launch.app.CliRunner;

import static org.classbot.launch.app.CliRunner.run;
import org.classbot.launch.app.CliRunner.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code classbot sim --profile mqtt} as the robot side and {@code classbot robot ...} as the agent,
 * meeting on the embedded Moquette broker (no URL given) on a free loopback port.
 */
class SimCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_serve_the_simulator_over_mqtt_to_robot_commands() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = dir.resolve("classbot.yaml");
        Files.writeString(cfg, "robot:\n  mqtt:\n    embedded_port: " + port + "\n");
        String c = cfg.toString();
        AtomicReference<Run> result = new AtomicReference<>();
        Thread sim = new Thread(() -> result.set(
                run("sim", "--profile", "mqtt", "--robot", "simA", "--config", c, "--duration", "60", "--json")));
        sim.start();
        try {
            Run status = null;
            for (int i = 0; i < 100; i++) {
                status = run("robot", "status", "--profile", "mqtt", "--robot", "simA", "--config", c, "--json");
                if (status.exit() == 0 && Json.MAPPER.readTree(status.out()).path("connected").asBoolean()) {
                    break;
                }
                Thread.sleep(100);
            }
            JsonNode st = Json.MAPPER.readTree(status.out());
            assertThat(st.path("connected").asBoolean()).as(status.err()).isTrue();
            assertThat(st.path("robots").toString()).contains("\"robot\":\"simA\"").contains("\"online\":true");

            Run drive = run("robot", "drive", "--profile", "mqtt", "--robot", "simA", "--config", c,
                    "--linear", "0.25", "--duration", "1", "--json");
            assertThat(drive.exit()).as(drive.err()).isZero();
            assertThat(Json.MAPPER.readTree(drive.out()).path("end").path("x").asDouble()).isBetween(0.12, 0.35);

            assertThat(run("robot", "estop", "--profile", "mqtt", "--robot", "simA", "--config", c).exit()).isZero();
            Run refused = run("robot", "drive", "--profile", "mqtt", "--robot", "simA", "--config", c,
                    "--linear", "0.25", "--duration", "1");
            assertThat(refused.exit()).isEqualTo(3); // refused for safety: the e-stop is latched
            assertThat(refused.err()).contains("e-stop");
            Run reset = run("robot", "reset", "--profile", "mqtt", "--robot", "simA", "--config", c);
            assertThat(reset.exit()).as(reset.err()).isZero();
            assertThat(reset.out()).contains("e-stop cleared");
            Run again = run("robot", "drive", "--profile", "mqtt", "--robot", "simA", "--config", c,
                    "--linear", "-0.25", "--duration", "0.5", "--json");
            assertThat(again.exit()).as(again.err()).isZero();

            Run other = run("robot", "drive", "--profile", "mqtt", "--robot", "nobody", "--config", c,
                    "--linear", "0.25", "--duration", "1");
            assertThat(other.exit()).isEqualTo(2);
            assertThat(other.err()).contains("robot 'nobody' is not online");
        } finally {
            sim.interrupt(); // like Ctrl-C
            sim.join(30_000);
        }
        Run done = result.get();
        assertThat(done.exit()).as(done.err()).isZero();
        assertThat(done.out()).contains("\"serving\":true").contains("\"serving\":false");
    }

    @Test
    void should_refuse_to_serve_over_the_in_process_profile() {
        Run r = run("sim", "--profile", "sim", "--duration", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("use --profile mqtt or --profile ros1");
    }
}
