package org.classbot.agent.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A small server on 127.0.0.1 that speaks the OpenAI chat-completions wire format
 * ({@code POST /v1/chat/completions}) with canned replies: the protocol peer the LLM planner talks to
 * in tests (no model weights exist here). It records every request body.
 */
final class OpenAiWireServer implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    /** @param reply the raw HTTP body to send for a request (given the parsed request) */
    OpenAiWireServer(Function<JsonNode, String> reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                JsonNode req = MAPPER.readTree(in.readAllBytes());
                requests.add(req);
                byte[] body = reply.apply(req).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (RuntimeException e) {
                ex.sendResponseHeaders(500, -1);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** First request: the given tool calls; once the tool results come back: "done". */
    static Function<JsonNode, String> toolCallsThenDone(String... nameAndArguments) {
        return req -> {
            boolean hasToolResults = false;
            for (JsonNode m : req.get("messages")) {
                hasToolResults |= "tool".equals(m.path("role").asText());
            }
            return hasToolResults ? completion(null, "done") : completion(toolCalls(nameAndArguments), null);
        };
    }

    static ArrayNode toolCalls(String... nameAndArguments) {
        ArrayNode calls = MAPPER.createArrayNode();
        for (int i = 0; i < nameAndArguments.length; i += 2) {
            ObjectNode call = calls.addObject();
            call.put("id", "call_" + i);
            call.put("type", "function");
            ObjectNode fn = call.putObject("function");
            fn.put("name", nameAndArguments[i]);
            fn.put("arguments", nameAndArguments[i + 1]);
        }
        return calls;
    }

    static String completion(ArrayNode toolCalls, String content) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", "chatcmpl-test");
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        if (content == null) {
            msg.putNull("content");
        } else {
            msg.put("content", content);
        }
        if (toolCalls != null) {
            msg.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", toolCalls != null ? "tool_calls" : "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", 10);
        usage.put("completion_tokens", 5);
        usage.put("total_tokens", 15);
        return root.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
