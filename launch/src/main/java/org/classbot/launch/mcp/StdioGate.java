package org.classbot.launch.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.launch.app.Json;

/**
 * Between stdin/stdout and the SDK's stdio transport: one line = one JSON-RPC message. A line that is not
 * JSON (-32700), not a JSON-RPC 2.0 message (-32600) or longer than {@code mcp.max_message_bytes} (-32600) is
 * answered here with a protocol error and never reaches the SDK, whose stdio reader stops for good on the first
 * unreadable line (found with a raw client: the server went deaf). Writes to stdout are whole lines, so an error
 * written here never splits a message of the SDK. A {@code notifications/cancelled} also stops the robot (the SDK
 * ignores cancellation; stopping is always safe), then goes on to the SDK.
 */
final class StdioGate {

    private static final Logger log = LoggerFactory.getLogger(StdioGate.class);
    private static final byte[] EOF = new byte[0];

    private final InputStream in;
    private final OutputStream out;
    private final int maxBytes;
    private final Runnable onEof;
    private volatile Runnable onCancel = () -> { };
    private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
    private final Object writeLock = new Object();
    private final AtomicLong rejected = new AtomicLong();

    StdioGate(InputStream in, OutputStream out, int maxBytes, Runnable onEof) {
        this.in = in;
        this.out = out;
        this.maxBytes = maxBytes;
        this.onEof = onEof;
    }

    /** What to do when the client cancels a request: stop the robot. */
    void onCancel(Runnable action) {
        this.onCancel = action;
    }

    /** Starts reading stdin on a daemon thread. */
    void start() {
        Thread t = new Thread(this::pump, "classbot-mcp-stdin");
        t.setDaemon(true);
        t.start();
    }

    long rejected() {
        return rejected.get();
    }

    /** What the SDK reads: only well-formed JSON-RPC lines. */
    InputStream sdkInput() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (pos >= current.length) {
                    if (ended) {
                        return -1;
                    }
                    try {
                        byte[] next = lines.take();
                        if (next == EOF) {
                            ended = true;
                            return -1;
                        }
                        current = next;
                        pos = 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public int available() {
                return current.length - pos;
            }
        };
    }

    /** What the SDK writes: buffered to the end of each line, then written whole. */
    OutputStream sdkOutput() {
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) throws IOException {
                line.write(b);
                if (b == '\n') {
                    emit();
                }
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    line.write(b[i]);
                    if (b[i] == '\n') {
                        emit();
                    }
                }
            }

            @Override
            public synchronized void flush() throws IOException {
                synchronized (writeLock) {
                    out.flush();
                }
            }

            private void emit() throws IOException {
                synchronized (writeLock) {
                    line.writeTo(out);
                    out.flush();
                }
                line.reset();
            }
        };
    }

    private void pump() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean overflow = false;
        try {
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        if (overflow) {
                            reject(null, -32600, "message larger than " + maxBytes + " bytes refused (mcp.max_message_bytes) / 消息太大");
                        } else {
                            line(buf.toByteArray());
                        }
                        buf.reset();
                        overflow = false;
                    } else if (!overflow) {
                        buf.write(b);
                        if (buf.size() > maxBytes) {
                            overflow = true;
                            buf.reset();
                        }
                    }
                }
            }
            if (!overflow && buf.size() > 0) {
                line(buf.toByteArray());
            }
        } catch (IOException e) {
            log.debug("stdin closed", e);
        } finally {
            lines.add(EOF);
            onEof.run();
        }
    }

    private void line(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            reject(null, -32700, "parse error: not JSON / 不是 JSON");
            return;
        }
        JsonNode id = node != null && node.isObject() ? node.get("id") : null;
        Object idValue = id == null || !(id.isTextual() || id.isIntegralNumber()) ? null : (id.isTextual() ? id.asText() : id.asLong());
        if (node == null || !node.isObject()) {
            reject(null, -32600, "invalid request: a JSON-RPC message must be one JSON object per line / 无效请求");
            return;
        }
        if (!"2.0".equals(node.path("jsonrpc").asText(null))) {
            reject(idValue, -32600, "invalid request: \"jsonrpc\" must be \"2.0\" / 无效请求");
            return;
        }
        JsonNode method = node.get("method");
        boolean request = method != null && method.isTextual() && !method.asText().isBlank();
        boolean response = method == null && id != null && (node.has("result") || node.has("error"));
        if (!request && !response) {
            reject(idValue, -32600, "invalid request: needs a \"method\" text (or a response with \"id\" and \"result\"/\"error\") / 无效请求");
            return;
        }
        if (id != null && !id.isNull() && idValue == null) {
            reject(null, -32600, "invalid request: \"id\" must be a string or an integer / 无效请求");
            return;
        }
        if (request && node.has("params") && !node.get("params").isObject()) {
            reject(idValue, -32602, "invalid params: \"params\" must be an object / 参数无效");
            return;
        }
        if (request && method.asText().equals("tools/call")) {
            JsonNode p = node.path("params");
            if (!p.path("name").isTextual() || (p.has("arguments") && !p.get("arguments").isObject() && !p.get("arguments").isNull())) {
                reject(idValue, -32602, "invalid params: tools/call needs \"name\" (text) and \"arguments\" (an object) / 参数无效");
                return;
            }
        }
        if (request && method.asText().equals("notifications/cancelled")) {
            try {
                onCancel.run();
            } catch (RuntimeException e) {
                log.warn("stop on cancel failed", e);
            }
        }
        byte[] framed = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, framed, 0, bytes.length);
        framed[bytes.length] = '\n';
        lines.add(framed);
    }

    private void reject(Object id, int code, String message) {
        rejected.incrementAndGet();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jsonrpc", "2.0");
        m.put("id", id);
        m.put("error", Map.of("code", code, "message", message));
        byte[] b = (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            try {
                out.write(b);
                out.flush();
            } catch (IOException e) {
                log.debug("stdout closed", e);
            }
        }
    }
}
