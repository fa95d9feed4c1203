package org.classbot.launch.mcp;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.launch.app.Json;

/**
 * Over streamable HTTP, a client's {@code notifications/cancelled} stops the robot (issue 12: "cancellation stops the
 * robot"), as {@link StdioGate} does over stdio: the SDK itself ignores cancellation, and stopping is always safe.
 * Runs after {@link McpGuard}; reads a POST body once (bounded, the SDK's own limit applies after) and hands the same
 * bytes on.
 */
final class CancelFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(CancelFilter.class);

    private final Runnable onCancel;
    private final int maxBytes;

    CancelFilter(Runnable onCancel, int maxBytes) {
        this.onCancel = onCancel;
        this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        if (!"POST".equalsIgnoreCase(req.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        ServletInputStream original = req.getInputStream();
        byte[] body = original.readNBytes(maxBytes + 1);
        if (body.length <= maxBytes && cancels(body)) {
            try {
                onCancel.run();
            } catch (RuntimeException e) {
                log.warn("stop on cancel failed", e);
            }
        }
        // past the limit the rest stays unread here: the SDK sees the whole body and refuses it as too big
        chain.doFilter(new Replay(req, body.length <= maxBytes ? new ByteArrayInputStream(body)
                : new java.io.SequenceInputStream(new ByteArrayInputStream(body), original)), response);
    }

    /** A cancellation notification, alone or in a batch. */
    static boolean cancels(byte[] body) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null) {
                return false;
            }
            for (JsonNode m : n.isArray() ? n : java.util.List.of(n)) {
                if ("notifications/cancelled".equals(m.path("method").asText())) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false; // the SDK answers malformed JSON
        }
        return false;
    }

    /** The request with its body, already read here, readable again. */
    private static final class Replay extends HttpServletRequestWrapper {
        private final java.io.InputStream in;

        Replay(HttpServletRequest r, java.io.InputStream in) {
            super(r);
            this.in = in;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                private boolean finished;

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener l) {
                    throw new IllegalStateException("not asynchronous");
                }

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    finished = n < 0;
                    return n;
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }
}
