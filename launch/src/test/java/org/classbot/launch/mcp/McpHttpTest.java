package org.classbot.launch.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.Json;
import org.classbot.launch.kb.KnowledgeSession;
import org.classbot.launch.robot.ConnectionOptions;

/**
 * Streamable HTTP at {@code /mcp}: the LangChain4j client over HTTP drives the simulator; attackers with a raw
 * HTTP client (cross-site Origin, rebound Host, text/plain, no / wrong / viewer token, a huge body) get 403 / 401 /
 * an error and the robot stays where it is.
 */
class McpHttpTest {

    @TempDir
    Path tmp;

    static McpClient client(int port, Map<String, String> headers) {
        StreamableHttpMcpTransport t = StreamableHttpMcpTransport.builder().url("http://127.0.0.1:" + port + "/mcp")
                .customHeaders(headers).timeout(Duration.ofSeconds(60)).build();
        return DefaultMcpClient.builder().key("classbot-http").transport(t).initializationTimeout(Duration.ofSeconds(30))
                .toolExecutionTimeout(Duration.ofSeconds(60)).build();
    }

    /** initialize over raw HTTP; returns the session id the server handed out. */
    static String initialize(int port, List<String> headers) throws Exception {
        McpTestKit.Response r = McpTestKit.post(port, headers, McpTestKit.INITIALIZE);
        assertThat(r.status()).as(r.head() + r.body()).isEqualTo(200);
        return r.header("Mcp-Session-Id");
    }

    @Test
    void should_drive_the_simulator_with_the_langchain4j_client_over_http() throws Exception {
        try (McpSession s = McpTestKit.session(tmp, false);
             McpHttp http = McpHttp.start(s.engine(), s.app().map(), s.app().settings().mcp(), "127.0.0.1", 0, McpGuard.forHost("127.0.0.1", Map.of()));
             McpClient c = client(http.port(), Map.of())) {
            assertThat(c.listTools()).extracting(ToolSpecification::name).contains("execute", "plan", "estop").doesNotContain("reset");
            long t0 = System.nanoTime();
            McpStdioClientIT.Result r = McpStdioClientIT.call(c, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}]}");
            System.err.println("figure: http execute 0.5 m round trip " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertThat(r.isError()).as(r.resultText()).isFalse();
            assertThat(McpTestKit.x(s)).isBetween(0.45, 0.55);
            long t1 = System.nanoTime();
            int n = 50;
            for (int i = 0; i < n; i++) {
                McpStdioClientIT.call(c, "robot_state", "{}");
            }
            System.err.println("figure: http robot_state mean round trip over " + n + " calls " + (System.nanoTime() - t1) / 1000 / n + " µs");
            McpStdioClientIT.Result far = McpStdioClientIT.call(c, "execute", "{\"actions\":[{\"action\":\"move\",\"distance_m\":50}]}");
            assertThat(far.isError()).isTrue();
            assertThat(far.resultText()).contains("exceeds the limit of 10 m");
        }
    }

    /** Issue 12: with a camera configured, classbot://camera/frame is a JPEG of what it sees. */
    @Test
    void should_serve_the_camera_frame_as_a_jpeg_resource() throws Exception {
        Path png = tmp.resolve("camera.png");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        img.getGraphics().fillRect(10, 10, 20, 20);
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        ClassbotApp app = McpTestKit.app();
        try (SafetyGovernor robot = app.robots().connect(new ConnectionOptions(), false);
             KnowledgeSession kb = KnowledgeSession.lazy(app, tmp.resolve("index"));
             McpEndpoint mcp = McpEndpoint.startHttp(app, robot, app.planner("offline"),
                     app.executor(robot, Answerer.none("test"), Vision.none("test")), kb, Vision.none("test"), png.toString(), 0, Map.of())) {
            List<String> sid = List.of("Mcp-Session-Id: " + initialize(mcp.port(), List.of()));
            McpTestKit.post(mcp.port(), sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            JsonNode list = McpTestKit.post(mcp.port(), sid, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}").json();
            assertThat(list.at("/result/resources").findValuesAsText("uri")).contains("classbot://camera/frame", "classbot://map");
            JsonNode read = McpTestKit.post(mcp.port(), sid, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\","
                    + "\"params\":{\"uri\":\"classbot://camera/frame\"}}").json();
            JsonNode c = read.at("/result/contents/0");
            assertThat(c.path("mimeType").asText()).isEqualTo("image/jpeg");
            java.awt.image.BufferedImage got = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    java.util.Base64.getDecoder().decode(c.path("blob").asText())));
            assertThat(got.getWidth()).isEqualTo(64);
            assertThat(got.getHeight()).isEqualTo(48);
        }
    }

    /** Issue 12: over HTTP too, a client's cancel stops the robot in the middle of a long move. */
    @Test
    void should_stop_the_robot_when_the_client_cancels_over_http() throws Exception {
        try (McpSession s = McpTestKit.session(tmp, false);
             McpHttp http = McpHttp.start(s.engine(), s.app().map(), s.app().settings().mcp(), "127.0.0.1", 0, McpGuard.forHost("127.0.0.1", Map.of()))) {
            int port = http.port();
            List<String> sid = List.of("Mcp-Session-Id: " + initialize(port, List.of()));
            McpTestKit.post(port, sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            java.util.concurrent.CompletableFuture<McpTestKit.Response> move = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return McpTestKit.post(port, sid, McpTestKit.execute(7, "[{\"action\":\"move\",\"distance_m\":1.5}]").replace(
                            "\"arguments\":{", "\"arguments\":{\"confirm\":true,"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (McpTestKit.x(s) < 0.2) {
                assertThat(System.nanoTime()).as("the move started").isLessThan(deadline);
                assertThat(move).as("still moving").isNotDone();
                Thread.onSpinWait();
            }
            McpTestKit.Response cancel = McpTestKit.post(port, sid,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,\"reason\":\"user\"}}");
            assertThat(cancel.status()).as(cancel.head()).isBetween(200, 299);
            move.get(30, java.util.concurrent.TimeUnit.SECONDS);
            double stoppedAt = McpTestKit.x(s);
            assertThat(stoppedAt).as("stopped well short of 1.5 m").isLessThan(1.0);
            System.err.println("figure: http cancel stopped the robot at x = " + stoppedAt + " m of a 1.5 m move");
        }
    }

    @Test
    void should_refuse_cross_site_rebound_and_non_json_requests_and_move_nothing() throws Exception {
        try (McpSession s = McpTestKit.session(tmp, false);
             McpHttp http = McpHttp.start(s.engine(), s.app().map(), s.app().settings().mcp(), "127.0.0.1", 0, McpGuard.forHost("127.0.0.1", Map.of()))) {
            int port = http.port();
            String session = initialize(port, List.of());
            assertThat(session).isNotBlank();
            String move = McpTestKit.execute(2, "[{\"action\":\"move\",\"distance_m\":0.5}]");
            List<String> sid = List.of("Mcp-Session-Id: " + session);

            McpTestKit.Response evil = McpTestKit.post(port, List.of("Mcp-Session-Id: " + session, "Origin: http://evil.example"), move);
            assertThat(evil.status()).isEqualTo(403);
            assertThat(evil.body()).contains("cross-site request from http://evil.example refused");
            McpTestKit.Response opaque = McpTestKit.post(port, List.of("Mcp-Session-Id: " + session, "Origin: null"), move);
            assertThat(opaque.status()).isEqualTo(403);

            McpTestKit.Response rebound = McpTestKit.http(port, "POST", "/mcp", List.of("Host: evil.example:" + port,
                    "Content-Type: application/json", "Accept: application/json, text/event-stream", "Mcp-Session-Id: " + session),
                    move.getBytes(StandardCharsets.UTF_8));
            assertThat(rebound.status()).isEqualTo(403);
            assertThat(rebound.body()).contains("not this computer");

            McpTestKit.Response plain = McpTestKit.http(port, "POST", "/mcp", List.of("Host: 127.0.0.1:" + port,
                    "Content-Type: text/plain", "Accept: application/json, text/event-stream", "Mcp-Session-Id: " + session),
                    move.getBytes(StandardCharsets.UTF_8));
            assertThat(plain.status()).isEqualTo(403);
            assertThat(plain.body()).contains("application/json");

            // a 2 MB body over mcp.max_message_bytes (1 MiB) carrying a real move
            String huge = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"execute\",\"arguments\":"
                    + "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}],\"pad\":\"" + "x".repeat(2 << 20) + "\"}}}";
            McpTestKit.Response big = McpTestKit.post(port, sid, huge);
            assertThat(big.status()).as(big.head()).isBetween(400, 499);

            McpTestKit.Response garbage = McpTestKit.post(port, sid, "{not json");
            assertThat(garbage.status()).as(garbage.head()).isBetween(400, 499);

            assertThat(McpTestKit.x(s)).as("nothing moved").isZero();
            // the same session still works from this origin
            McpTestKit.Response ok = McpTestKit.post(port, List.of("Mcp-Session-Id: " + session, "Origin: http://127.0.0.1:" + port),
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            assertThat(ok.status()).isBetween(200, 299);
            JsonNode state = McpTestKit.post(port, sid, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"robot_state\",\"arguments\":{}}}").json();
            assertThat(state.path("result").path("structuredContent").path("pose").path("x").asDouble()).isZero();
        }
    }

    @Test
    void should_need_the_teacher_token_when_one_is_set() throws Exception {
        Map<String, String> env = Map.of(McpGuard.TOKEN_ENV, "teacher-secret", McpGuard.VIEWER_TOKEN_ENV, "viewer-secret");
        try (McpSession s = McpTestKit.session(tmp, false);
             McpHttp http = McpHttp.start(s.engine(), s.app().map(), s.app().settings().mcp(), "127.0.0.1", 0, McpGuard.forHost("127.0.0.1", env))) {
            int port = http.port();
            McpTestKit.Response none = McpTestKit.post(port, List.of(), McpTestKit.INITIALIZE);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(McpTestKit.post(port, List.of("Authorization: Bearer wrong"), McpTestKit.INITIALIZE).status()).isEqualTo(401);
            assertThat(McpTestKit.post(port, List.of("Authorization: Bearer viewer-secret"), McpTestKit.INITIALIZE).status()).isEqualTo(403);
            assertThat(McpTestKit.post(port, List.of("Cookie: classbot_session=teacher-secret"), McpTestKit.INITIALIZE).status()).isEqualTo(401);
            try (McpClient c = client(port, Map.of("Authorization", "Bearer teacher-secret"))) {
                McpStdioClientIT.Result r = McpStdioClientIT.call(c, "execute", "{\"actions\":[{\"action\":\"turn\",\"angle_deg\":90}]}");
                assertThat(r.isError()).as(r.resultText()).isFalse();
                assertThat(Math.toDegrees(s.engine().robot().state().pose().theta())).isBetween(80.0, 100.0);
            }
            assertThat(McpTestKit.x(s)).isZero();
        }
    }

    /** {@code run --mcp} wiring: the caller's robot and executor; a stop from a second client ends a running move. */
    @Test
    void should_stop_a_running_move_from_another_client_through_the_endpoint() throws Exception {
        ClassbotApp app = McpTestKit.app();
        try (SafetyGovernor robot = app.robots().connect(new ConnectionOptions(), false);
             KnowledgeSession kb = KnowledgeSession.lazy(app, tmp.resolve("index"));
             McpEndpoint mcp = McpEndpoint.startHttp(app, robot, app.planner("offline"),
                     app.executor(robot, Answerer.none("test"), Vision.none("test")), kb, Vision.none("test"), "", 0, Map.of());
             McpClient driver = client(mcp.port(), Map.of());
             McpClient teacher = client(mcp.port(), Map.of())) {
            assertThat(mcp.url()).isEqualTo("http://127.0.0.1:" + mcp.port() + "/mcp");
            CompletableFuture<McpStdioClientIT.Result> run = CompletableFuture.supplyAsync(() -> McpStdioClientIT.call(driver, "execute",
                    "{\"actions\":[{\"action\":\"move\",\"distance_m\":2.5}],\"confirm\":true}"));
            while (robot.state().pose().x() < 0.3) { // each poll is a round trip: no sleeping
                McpStdioClientIT.call(teacher, "robot_state", "{}");
                assertThat(run).isNotDone();
            }
            long t0 = System.nanoTime();
            assertThat(McpStdioClientIT.call(teacher, "stop", "{}").isError()).isFalse();
            McpStdioClientIT.Result r = run.get(60, TimeUnit.SECONDS);
            System.err.println("figure: http stop during a 2.5 m move: execute returned " + (System.nanoTime() - t0) / 1_000_000
                    + " ms after stop, at x=" + robot.state().pose().x() + " m");
            assertThat(r.resultText()).contains("cancelled");
            assertThat(robot.state().pose().x()).isLessThan(2.4);
        }
    }

    @Test
    void should_generate_a_token_beyond_loopback() {
        McpGuard g = McpGuard.forHost("0.0.0.0", Map.of());
        assertThat(g.tokenRequired()).isTrue();
        assertThat(g.generatedToken()).hasValueSatisfying(t -> assertThat(t).hasSizeGreaterThan(20));
        assertThat(McpGuard.forHost("0.0.0.0", Map.of(McpGuard.TOKEN_ENV, "t")).generatedToken()).isEmpty();
        assertThat(McpGuard.forHost("127.0.0.1", Map.of()).tokenRequired()).isFalse();
        assertThat(Json.write(Map.of("ok", true))).isNotEmpty();
    }
}
