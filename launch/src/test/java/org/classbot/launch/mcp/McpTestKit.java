package org.classbot.launch.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.Json;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.kb.SampleDocs;
import org.classbot.launch.robot.ConnectionOptions;

/** Shared set-up of the MCP tests: the app, a session on the simulator, a raw HTTP/1.1 client that may lie about Host. */
final class McpTestKit {

    private McpTestKit() {
    }

    static ClassbotApp app() {
        return ClassbotApp.of(ClassbotConfig.load(null, Map.of()), Map.of());
    }

    /** A session on the in-process simulator; {@code withKb}: the bundled samples ingested into {@code dir/index}. */
    static McpSession session(Path dir, boolean withKb) throws IOException {
        Path index = dir.resolve("index");
        if (!withKb) {
            Files.createDirectories(index); // exists: opened lazily, never here
        }
        return McpSession.open(app(), new ConnectionOptions(), index, SampleDocs.samples().orElseThrow(), null, "offline", s -> { });
    }

    static double x(McpSession s) {
        return s.engine().robot().state().pose().x();
    }

    /** One raw HTTP/1.1 exchange (Connection: close): status, headers and body as sent by the server. */
    record Response(int status, String head, String body) {
        JsonNode json() throws IOException {
            String b = body.strip();
            if (b.startsWith("event:") || b.startsWith("id:") || b.startsWith("data:")) {
                for (String line : b.split("\n")) {
                    if (line.startsWith("data:")) {
                        return Json.MAPPER.readTree(line.substring(5).strip());
                    }
                }
            }
            return Json.MAPPER.readTree(b);
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) {
                    return line.substring(c + 1).strip();
                }
            }
            return null;
        }
    }

    static Response http(int port, String method, String path, List<String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            if (body != null) {
                req.append("Content-Length: ").append(body.length).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer and close before reading a huge body
                }
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) >= 0) {
                    all.write(buf, 0, n);
                }
            } catch (IOException e) {
                // connection reset after the response
            }
            byte[] raw = all.toByteArray();
            int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            String head = new String(raw, 0, split < 0 ? raw.length : split, StandardCharsets.UTF_8);
            byte[] rest = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            int status = head.isEmpty() ? -1 : Integer.parseInt(head.split(" ")[1]);
            return new Response(status, head, new String(rest, StandardCharsets.UTF_8));
        }
    }

    static Response post(int port, List<String> extraHeaders, String json) throws IOException {
        List<String> h = new ArrayList<>(List.of("Host: 127.0.0.1:" + port, "Content-Type: application/json",
                "Accept: application/json, text/event-stream"));
        h.addAll(extraHeaders);
        return http(port, "POST", "/mcp", h, json.getBytes(StandardCharsets.UTF_8));
    }

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    static String execute(int id, String actions) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"execute\",\"arguments\":{\"actions\":"
                + actions + "}}}";
    }

    private static byte[] dechunk(byte[] s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        while (i < s.length) {
            int eol = indexOf(s, crlf, i);
            if (eol < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(new String(s, i, eol - i, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (len == 0) {
                break;
            }
            out.write(s, eol + 2, Math.min(len, s.length - eol - 2));
            i = eol + 2 + len + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
