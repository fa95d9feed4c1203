package org.classbot.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import dev.langchain4j.model.ollama.OllamaChatModel;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanLimits;

/** The LLM planner with {@code llm.provider: ollama} against a peer speaking Ollama's {@code /api/chat} format. */
class OllamaWireTest {

    @Test
    void should_plan_from_ollama_tool_calls() throws IOException {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/chat", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                JsonNode req = OpenAiWireServer.MAPPER.readTree(in.readAllBytes());
                requests.add(req);
                boolean toolResults = false;
                for (JsonNode m : req.get("messages")) {
                    toolResults |= "tool".equals(m.path("role").asText());
                }
                String message = toolResults
                        ? "{\"role\":\"assistant\",\"content\":\"done\"}"
                        : "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
                        + "{\"function\":{\"name\":\"turn\",\"arguments\":{\"angle_deg\":180}}},"
                        + "{\"function\":{\"name\":\"go_to\",\"arguments\":{\"place\":\"whiteboard\"}}}]}";
                byte[] body = ("{\"model\":\"qwen2.5:7b-instruct\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":" + message
                        + ",\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1,\"prompt_eval_count\":10,\"eval_count\":5}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                ex.close();
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            PlanLimits limits = PlanLimits.defaults(PlaceCatalog.defaults());
            OllamaChatModel model = OllamaChatModel.builder().baseUrl(base).modelName("qwen2.5:7b-instruct")
                    .timeout(Duration.ofSeconds(10)).temperature(0.0).maxRetries(0).build();
            Plan plan = new LlmPlanner(model, new OfflinePlanner(limits.places()), limits).plan("掉头，然后去白板");
            assertThat(plan.planner()).as(plan.notes().toString()).isEqualTo("llm");
            assertThat(plan.actions()).containsExactly(new Action.Turn(180), new Action.GoTo("whiteboard"));
            assertThat(requests.get(0).path("model").asText()).isEqualTo("qwen2.5:7b-instruct");
            assertThat(requests.get(0).path("tools").size()).isEqualTo(8);
        } finally {
            server.stop(0);
        }
    }
}
