package org.classbot.launch.agent;

import org.classbot.launch.app.Json;
import org.classbot.launch.app.CliRunner;

import static org.classbot.launch.app.CliRunner.run;
import org.classbot.launch.app.CliRunner.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classbot plan} in-process: the JSON contract of DESIGN.md, batch mode, --explain, bad input. */
class PlanCommandTest {

    @TempDir
    Path tmp;

    @Test
    void should_print_the_design_example_as_json() {
        Run r = run("plan", "先前进两米，然后右转九十度", "--json", "--planner", "offline");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo(
                "{\"actions\":[{\"action\":\"move\",\"distance_m\":2.0},{\"action\":\"turn\",\"angle_deg\":-90}]}");
    }

    @Test
    void should_print_json_lines_in_order_with_an_empty_plan_for_a_blank_line() throws Exception {
        Path file = tmp.resolve("lines.txt");
        Files.writeString(file, "\uFEFF前进一米\n\nturn around\nwhat do you see?\n去充电\n", StandardCharsets.UTF_8);
        Run r = run("plan", "--batch", file.toString(), "--json", "--planner", "offline");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).containsExactly(
                "{\"actions\":[{\"action\":\"move\",\"distance_m\":1.0}]}",
                "{\"actions\":[]}",
                "{\"actions\":[{\"action\":\"turn\",\"angle_deg\":180}]}",
                "{\"actions\":[{\"action\":\"describe_scene\"}]}",
                "{\"actions\":[{\"action\":\"go_to\",\"place\":\"charging_station\"}]}");
    }

    @Test
    void should_add_the_numbers_behind_the_plan_with_explain() throws Exception {
        Run r = run("plan", "后退三十公分", "--json", "--explain", "--planner", "offline");
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.get("actions").toString()).isEqualTo("[{\"action\":\"move\",\"distance_m\":-0.3}]");
        JsonNode number = doc.at("/explain/steps/0/numbers/0");
        assertThat(number.get("text").asText()).isEqualTo("三十公分");
        assertThat(number.get("value").asDouble()).isEqualTo(30.0);
        assertThat(number.get("unit").asText()).isEqualTo("公分");
        assertThat(number.get("si").asDouble()).isEqualTo(0.3);
        assertThat(number.get("si_unit").asText()).isEqualTo("m");
        assertThat(doc.at("/explain/planner").asText()).isEqualTo("offline");

        Run text = run("plan", "后退三十公分", "--explain", "--planner", "offline");
        assertThat(text.out()).contains("move -0.3 m", "三十公分 → 30 公分 → 0.3 m");
    }

    @Test
    void should_exit_0_with_a_note_when_nothing_is_understood() throws Exception {
        Run r = run("plan", "qwerty", "--json", "--planner", "offline");
        assertThat(r.exit()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.get("actions").size()).isZero();
        assertThat(doc.get("notes").get(0).asText()).contains("qwerty");
    }

    @Test
    void should_refuse_an_empty_utterance_with_one_line_and_exit_2() {
        for (String[] args : List.of(new String[] {"plan", ""}, new String[] {"plan", "  ", "--json"}, new String[] {"plan"})) {
            Run r = run(args);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("empty");
        }
    }

    @Test
    void should_refuse_a_missing_batch_file_and_a_bad_planner_name() {
        Run missing = run("plan", "--batch", tmp.resolve("nope.txt").toString(), "--json");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("not found").contains("nope.txt");
        Run bad = run("plan", "turn left", "--planner", "magic");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("auto, offline or llm");
    }

    @Test
    void should_use_the_places_of_the_robot_map() throws Exception {
        Run r = run("plan", "go to the teacher's desk", "--json", "--planner", "offline");
        assertThat(Json.MAPPER.readTree(r.out()).get("actions").toString())
                .isEqualTo("[{\"action\":\"go_to\",\"place\":\"teacher_desk\"}]");
    }

    @Test
    void should_plan_with_the_llm_of_the_config_and_fall_back_when_it_is_gone() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/v1/chat/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            String message = calls.incrementAndGet() > 1
                    ? "{\"role\":\"assistant\",\"content\":\"done\"}"
                    : "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"move\",\"arguments\":\"{\\\"distance_m\\\":3}\"}}]}";
            byte[] body = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                    + "\"message\":" + message + ",\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Path cfg = tmp.resolve("classbot.yaml");
            Files.writeString(cfg, "llm:\n  provider: openai\n  base_url: http://127.0.0.1:" + server.getAddress().getPort()
                    + "/v1\n  model: test\n  timeout_s: 10\n");
            Run r = run("plan", "往前走三米", "--json", "--explain", "--config", cfg.toString());
            JsonNode doc = Json.MAPPER.readTree(r.out());
            assertThat(doc.get("actions").toString()).isEqualTo("[{\"action\":\"move\",\"distance_m\":3.0}]");
            assertThat(doc.at("/explain/planner").asText()).as(r.out() + r.err()).isEqualTo("llm");
        } finally {
            server.stop(0);
        }
        Path gone = tmp.resolve("gone.yaml");
        Files.writeString(gone, "llm:\n  provider: openai\n  base_url: http://127.0.0.1:9/v1\n  model: test\n  timeout_s: 5\n");
        Run r = run("plan", "往前走三米", "--json", "--explain", "--config", gone.toString());
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(r.exit()).isZero();
        assertThat(doc.get("actions").toString()).isEqualTo("[{\"action\":\"move\",\"distance_m\":3.0}]");
        assertThat(doc.at("/explain/planner").asText()).isEqualTo("llm→offline");
        assertThat(doc.get("notes").get(0).asText()).contains("the LLM failed");
    }
}
