package org.classbot.launch.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.launch.app.Json;

/**
 * An LLM using ClassBot's MCP tools through LangChain4j (AiServices + McpToolProvider + the MCP client over HTTP).
 * The "LLM" is a scripted OpenAI-compatible server: for each user sentence it answers with one tool call, then
 * repeats the tool's result as its reply. Tool call → governed motion; 50 m or 5 m/s → refused with the reason.
 */
class McpLlmTest {

    @TempDir
    Path tmp;

    interface Assistant {
        String chat(String message);
    }

    /** The scripted OpenAI-compatible chat server; keeps every request it got. */
    static final class ScriptedLlm implements AutoCloseable {
        final HttpServer server;
        final List<JsonNode> requests = new CopyOnWriteArrayList<>();

        ScriptedLlm() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/chat/completions", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        private void handle(HttpExchange ex) throws IOException {
            JsonNode req = Json.MAPPER.readTree(ex.getRequestBody().readAllBytes());
            requests.add(req);
            ArrayNode messages = (ArrayNode) req.get("messages");
            JsonNode last = messages.get(messages.size() - 1);
            ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
            String finish;
            if (last.path("role").asText().equals("tool")) {
                message.put("content", "tool said: " + last.path("content").asText());
                finish = "stop";
            } else {
                String user = last.path("content").asText();
                String args = user.contains("50") ? "{\"actions\":[{\"action\":\"move\",\"distance_m\":50}]}"
                        : user.contains("fast") ? "{\"actions\":[{\"action\":\"move\",\"distance_m\":1,\"speed_mps\":5}]}"
                        : "{\"actions\":[{\"action\":\"move\",\"distance_m\":0.5}]}";
                message.putNull("content");
                ObjectNode call = message.putArray("tool_calls").addObject();
                call.put("id", "call_" + requests.size()).put("type", "function");
                call.putObject("function").put("name", "execute").put("arguments", args);
                finish = "tool_calls";
            }
            ObjectNode resp = Json.MAPPER.createObjectNode().put("id", "chatcmpl-" + requests.size()).put("object", "chat.completion")
                    .put("created", 0).put("model", "scripted");
            resp.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
            resp.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
            byte[] body = Json.write(resp).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void should_turn_llm_tool_calls_into_governed_motion_and_refuse_50_m_and_5_mps() throws Exception {
        try (McpSession s = McpTestKit.session(tmp, false);
             McpHttp http = McpHttp.start(s.engine(), s.app().map(), s.app().settings().mcp(), "127.0.0.1", 0, McpGuard.forHost("127.0.0.1", Map.of()));
             McpClient mcp = McpHttpTest.client(http.port(), Map.of());
             ScriptedLlm llm = new ScriptedLlm()) {
            OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(llm.baseUrl()).apiKey("not-needed").modelName("scripted")
                    .timeout(Duration.ofSeconds(60)).maxRetries(0).build();
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model)
                    .toolProvider(McpToolProvider.builder().mcpClients(mcp).build()).build();

            String moved = assistant.chat("please drive forward half a metre");
            assertThat(moved).contains("done");
            assertThat(McpTestKit.x(s)).isBetween(0.45, 0.55);
            double x = McpTestKit.x(s);
            // the model saw ClassBot's tools with their schemas
            JsonNode tools = llm.requests.get(0).get("tools");
            assertThat(tools.toString()).contains("\"execute\"").contains("distance_m").contains("robot_state");

            String far = assistant.chat("now drive 50 metres");
            assertThat(far).contains("distance 50 m exceeds the limit of 10 m").contains("nothing moved");
            String fast = assistant.chat("go 1 m really fast");
            assertThat(fast).contains("speed 5 m/s exceeds the limit");
            assertThat(McpTestKit.x(s)).as("the refused calls moved nothing").isEqualTo(x);
            System.err.println("figure: LLM tool calls: 3 (1 ran, 2 refused: " + oneLine(far) + " | " + oneLine(fast) + ")");
        }
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }
}
