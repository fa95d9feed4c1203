package org.classbot.launch.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpTextResourceContents;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.service.tool.ToolExecutionResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.launch.app.Json;

/**
 * {@code classbot mcp} over stdio through the launcher ({@code bin/classbot}, a real child JVM on the packaged class
 * path), driven by the LangChain4j MCP client (a client nobody here wrote): initialize, list tools, plan, execute a
 * 0.5 m move on the simulator, refusals, ask with citations from the bundled samples, estop. An IT because the test
 * class path in a child JVM crashes (SIGSEGV, no hs_err) when ONNX Runtime loads the embedding model; the packaged
 * class path does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpStdioClientIT {

    @TempDir
    static Path tmp;

    McpClient client;

    @BeforeAll
    void start() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        List<String> cmd = new ArrayList<>(List.of(Path.of("bin", "classbot").toAbsolutePath().toString(),
                "mcp", "--planner", "offline", "--index", tmp.resolve("index").toString()));
        StdioMcpTransport transport = StdioMcpTransport.builder().command(cmd)
                .environment(Map.of("HOME", home.toString())).logEvents(false).build();
        client = DefaultMcpClient.builder().key("classbot").transport(transport)
                .initializationTimeout(Duration.ofSeconds(120)).toolExecutionTimeout(Duration.ofSeconds(120)).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
    }

    /** One tool result as a client sees it: LangChain4j throws for isError results; both kinds end up here. */
    record Result(boolean isError, String resultText) {
    }

    private Result call(String tool, String args) {
        return call(client, tool, args);
    }

    static Result call(McpClient client, String tool, String args) {
        try {
            ToolExecutionResult r = client.executeTool(ToolExecutionRequest.builder().id(tool).name(tool).arguments(args).build());
            Object result = r.result();
            String text = result != null && !(result instanceof String) ? Json.write(result) : r.resultText();
            return new Result(r.isError(), text);
        } catch (ToolExecutionException | ToolArgumentsException e) {
            return new Result(true, e.getMessage()); // an error result, or a protocol error (unknown tool)
        }
    }

    private JsonNode state() throws Exception {
        return structured(call("robot_state", "{}"));
    }

    /** The structured content (LangChain4j hands it over as the result when there is one). */
    static JsonNode structured(Result r) throws Exception {
        return Json.MAPPER.readTree(r.resultText());
    }

    @Test
    @Order(1)
    void should_list_every_tool_with_a_schema_and_a_bilingual_description() {
        List<ToolSpecification> tools = client.listTools();
        assertThat(tools).extracting(ToolSpecification::name).containsExactlyInAnyOrder("robot_state", "plan", "execute", "stop", "estop",
                "ask", "kb_search", "describe_scene", "start_count", "stop_count", "count_status");
        assertThat(tools).allSatisfy(t -> {
            assertThat(t.parameters()).isNotNull();
            assertThat(t.description()).containsPattern("\\p{IsHan}").containsPattern("[A-Za-z]{4,}");
        });
        ToolSpecification execute = tools.stream().filter(t -> t.name().equals("execute")).findFirst().orElseThrow();
        assertThat(execute.parameters().required()).containsExactly("actions");
        assertThat(execute.description()).contains("confirm:true").contains("10 m");
    }

    @Test
    @Order(2)
    void should_plan_with_the_explain_trace_and_move_nothing() throws Exception {
        Result r = call("plan", "{\"utterance\":\"先前进两米，然后右转九十度\"}");
        assertThat(r.isError()).isFalse();
        JsonNode doc = structured(r);
        assertThat(doc.get("actions")).isEqualTo(Json.MAPPER.readTree("[{\"action\":\"move\",\"distance_m\":2.0},{\"action\":\"turn\",\"angle_deg\":-90}]"));
        assertThat(doc.path("explain").path("steps").size()).isPositive();
        assertThat(doc.get("moved").asBoolean()).isFalse();
        assertThat(state().path("pose").path("x").asDouble()).isZero();
    }

    @Test
    @Order(3)
    void should_execute_a_half_metre_move_on_the_simulator() throws Exception {
        long t0 = System.nanoTime();
        Result r = call("execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}]}");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.isError()).as(r.resultText()).isFalse();
        JsonNode doc = structured(r);
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.path("pose").path("x").asDouble()).isBetween(0.45, 0.55);
        assertThat(state().path("pose").path("x").asDouble()).isBetween(0.45, 0.55);
        System.err.println("figure: stdio execute 0.5 m round trip " + ms + " ms");
    }

    @Test
    @Order(4)
    void should_refuse_limits_and_unconfirmed_big_moves_with_the_reason_and_move_nothing() throws Exception {
        double x0 = state().path("pose").path("x").asDouble();
        Result far = call("execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":50}]}");
        assertThat(far.isError()).isTrue();
        assertThat(far.resultText()).contains("exceeds the limit of 10 m");
        Result fast = call("execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":1,\"speed_mps\":5}]}");
        assertThat(fast.isError()).isTrue();
        assertThat(fast.resultText()).contains("speed 5 m/s exceeds the limit");
        Result big = call("execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":3}]}");
        assertThat(big.isError()).isTrue();
        assertThat(big.resultText()).contains("not confirmed").contains("confirm: true");
        assertThat(state().path("pose").path("x").asDouble()).isEqualTo(x0);
    }

    @Test
    @Order(5)
    void should_answer_wrong_arguments_and_unknown_tools_with_errors_and_move_nothing() throws Exception {
        double x0 = state().path("pose").path("x").asDouble();
        assertThat(call("execute", "{\"actions\":\"far\"}").isError()).isTrue();
        assertThat(call("execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":\"far\"}]}").isError()).isTrue();
        assertThat(call("execute", "{\"actions\":[{\"action\":\"fly\"}]}").isError()).isTrue();
        assertThat(call("plan", "{\"utterance\":42}").isError()).isTrue();
        Result unknown = call("teleport", "{}");
        assertThat(unknown.isError()).isTrue();
        assertThat(state().path("pose").path("x").asDouble()).isEqualTo(x0);
    }

    @Test
    @Order(6)
    void should_answer_from_the_sample_knowledge_base_with_citations() throws Exception {
        Result r = call("ask", "{\"question\":\"实验室里可以吃东西吗？\"}");
        assertThat(r.isError()).as(r.resultText()).isFalse();
        JsonNode doc = structured(r);
        assertThat(doc.get("citations").size()).isPositive();
        assertThat(doc.get("citations").get(0).get("doc").asText()).isEqualTo("lab-rules.zh.md");
        JsonNode hits = structured(call("kb_search", "{\"query\":\"Who may operate the robot?\",\"k\":3}"));
        assertThat(hits.get("hits").size()).isBetween(1, 3);
        assertThat(hits.get("hits").get(0).get("score").asDouble()).isPositive();
    }

    @Test
    @Order(7)
    void should_say_no_camera_configured_and_serve_the_resources() throws Exception {
        Result scene = call("describe_scene", "{}");
        assertThat(scene.isError()).isTrue();
        assertThat(scene.resultText()).contains("no camera configured");
        assertThat(client.listResources()).extracting(r -> r.uri()).contains("classbot://map", "classbot://limits", "classbot://kb/documents");
        String limits = ((McpTextResourceContents) client.readResource("classbot://limits").contents().get(0)).text();
        assertThat(Json.MAPPER.readTree(limits).path("plan").path("max_distance_m").asDouble()).isEqualTo(10.0);
        String docs = ((McpTextResourceContents) client.readResource("classbot://kb/documents").contents().get(0)).text();
        assertThat(docs).contains("lab-rules.zh.md");
    }

    @Test
    @Order(8)
    void should_measure_the_round_trip_of_a_tool_call() throws Exception {
        int n = 50;
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            state();
            ms[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(ms);
        System.err.println("figure: stdio robot_state round trip over " + n + " calls: median " + ms[n / 2] + " µs, p95 " + ms[n * 95 / 100]
                + " µs, max " + ms[n - 1] + " µs");
        assertThat(ms[n / 2]).isLessThan(1_000_000);
    }

    @Test
    @Order(9)
    void should_refuse_execute_after_estop_and_keep_the_robot_still() throws Exception {
        double x0 = state().path("pose").path("x").asDouble();
        assertThat(call("estop", "{}").isError()).isFalse();
        assertThat(state().path("estopped").asBoolean()).isTrue();
        Result r = call("execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}]}");
        assertThat(r.isError()).isTrue();
        assertThat(r.resultText()).contains("e-stop");
        assertThat(structured(r).get("reason").asText()).isEqualTo("estop");
        assertThat(state().path("pose").path("x").asDouble()).isEqualTo(x0);
        assertThat(client.listTools()).extracting(ToolSpecification::name).doesNotContain("reset");
        assertThat(call("reset", "{}").isError()).isTrue();
        assertThat(state().path("estopped").asBoolean()).isTrue();
    }
}
