package org.classbot.launch.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.launch.app.Json;
import org.classbot.launch.config.McpSettings;

/**
 * The TypeScript SDK's MCP client (npm {@code @modelcontextprotocol/sdk} 1.32.2 on the installed node) against
 * {@code /mcp}: src/test/js/mcp-client.mjs, with {@code mcp.elicit_confirm} on: a big move asks its user (yes, then no). The package is fetched by launch/scripts/fetch-mcp-sdk.sh into a cache
 * outside the repository; without node, npm or the package the test skips with the reason.
 */
class McpTypeScriptClientTest {

    @TempDir
    Path tmp;

    private static String run(Path out, Path err, long seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
    }

    @Test
    void should_serve_the_typescript_sdk_client() throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        String modules;
        try {
            modules = run(out, err, 180, "bash", Path.of("scripts", "fetch-mcp-sdk.sh").toString());
        } catch (java.io.IOException e) {
            modules = null;
        }
        assumeTrue(modules != null && !modules.isBlank(),
                "TypeScript MCP SDK not available (node/npm missing or offline): " + (Files.exists(err) ? Files.readString(err).strip() : ""));
        try (McpSession s = McpTestKit.session(tmp, true);
             McpHttp http = McpHttp.start(s.engine(), s.app().map(), new McpSettings("127.0.0.1", false, 1 << 20, true), "127.0.0.1", 0, McpGuard.forHost("127.0.0.1", Map.of()))) {
            String url = "http://127.0.0.1:" + http.port() + "/mcp";
            String printed = run(out, err, 120, "node", Path.of("src", "test", "js", "mcp-client.mjs").toString(), modules.strip(), url);
            assertThat(printed).as(Files.readString(err)).isNotNull();
            List<String> lines = printed.strip().lines().toList();
            JsonNode doc = Json.MAPPER.readTree(lines.get(lines.size() - 1));
            assertThat(doc.path("server").path("name").asText()).isEqualTo("classbot");
            assertThat(doc.path("tools").toString()).contains("\"execute\"", "\"plan\"", "\"ask\"", "\"kb_search\"");
            JsonNode calls = doc.path("calls");
            assertThat(calls.path("plan").path("structured").path("actions").size()).isEqualTo(2);
            assertThat(calls.path("execute").path("isError").asBoolean()).as(calls.path("execute").toString()).isFalse();
            assertThat(calls.path("state").path("structured").path("pose").path("x").asDouble()).isBetween(0.45, 0.55);
            assertThat(calls.path("bigYes").path("isError").asBoolean()).as(calls.path("bigYes").toString()).isFalse();
            assertThat(calls.path("bigNo").path("isError").asBoolean()).isTrue();
            assertThat(calls.path("bigNo").path("structured").path("reason").asText()).isEqualTo("not_confirmed");
            assertThat(doc.path("questions").toString()).contains("Move forward 2.50 m — confirm?");
            assertThat(calls.path("state2").path("structured").path("pose").path("x").asDouble()).isBetween(2.9, 3.1);
            assertThat(calls.path("afterEstop").path("isError").asBoolean()).isTrue();
            assertThat(calls.path("afterEstop").path("structured").path("reason").asText()).isEqualTo("estop");
            assertThat(calls.path("ask").path("structured").path("citations").get(0).path("doc").asText()).isEqualTo("lab-rules.zh.md");
            assertThat(s.engine().robot().estopped()).isTrue();
            assertThat(McpTestKit.x(s)).isBetween(2.9, 3.1);
            System.err.println("figure: TypeScript SDK client: execute " + calls.path("execute").path("ms").asLong() + " ms, robot_state "
                    + calls.path("state").path("ms").asDouble() + " ms, ask " + calls.path("ask").path("ms").asLong() + " ms");
        }
    }
}
