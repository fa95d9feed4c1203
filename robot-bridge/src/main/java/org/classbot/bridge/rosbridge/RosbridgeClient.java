package org.classbot.bridge.rosbridge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.classbot.bridge.transport.Backoff;
import org.classbot.bridge.transport.Daemons;
import org.classbot.bridge.transport.Messages;
import org.classbot.bridge.transport.Reconnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rosbridge v2 protocol client (JSON over WebSocket, the JDK's client): advertise / unadvertise,
 * publish, subscribe / unsubscribe, call_service, and the server's status messages. When the link
 * drops it reconnects with the shared backoff and re-advertises and resubscribes everything, so
 * callers keep their handles across outages. Publishing while the link is down drops the message
 * (a robot command must not arrive late) and counts it. A WebSocket ping every heartbeat interval
 * finds a link that died silently (cable, Wi-Fi, a frozen server): three intervals without a pong
 * count as a lost link. What was declared, the op ids and the server's refusals of them, and the
 * ops' JSON, are {@link RosbridgeOps}; this class is the WebSocket, the heartbeat and the dispatch.
 */
final class RosbridgeClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RosbridgeClient.class);

    /** A status message from the server ({@code level}: error, warning, info). */
    public record Status(String level, String msg, String id) {
    }

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final Reconnector reconnector;
    /** what we declared to the server, our op ids and the server's refusals; the JSON of our ops */
    private final RosbridgeOps ops = new RosbridgeOps();
    private final Map<String, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final List<Runnable> failureListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Status>> statusListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong droppedWhileDown = new AtomicLong();
    private final Object sendLock = new Object();
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile long lastPongNanos;
    private final Duration heartbeat;
    private final ScheduledExecutorService pinger;

    private RosbridgeClient(URI url, Duration timeout, Duration heartbeat) {
        this.url = url;
        this.timeout = timeout;
        this.heartbeat = heartbeat;
        this.pinger = Daemons.scheduler("rosbridge-heartbeat " + url);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.reconnector = new Reconnector("rosbridge " + url, Backoff::standard, this::open,
                e -> log.debug("rosbridge {}: reconnect failed: {}", url, e.getMessage()));
    }

    /**
     * Opens the WebSocket; later outages are healed in the background.
     *
     * @throws IOException naming the URL and what to check when the server cannot be reached
     */
    public static RosbridgeClient connect(URI url, Duration timeout) throws IOException {
        return connect(url, timeout, Duration.ofSeconds(1));
    }

    /** @param heartbeat ping interval; zero turns the heartbeat off */
    static RosbridgeClient connect(URI url, Duration timeout, Duration heartbeat) throws IOException {
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null || !(url.getScheme().equals("ws") || url.getScheme().equals("wss")) || url.getHost() == null) {
            throw new IllegalArgumentException("rosbridge URL '" + url + "' must look like ws://HOST:9090");
        }
        RosbridgeClient c = new RosbridgeClient(url, timeout, heartbeat);
        try {
            c.open();
        } catch (IOException e) {
            c.close();
            throw new IOException("cannot reach rosbridge at " + url + " (" + e.getMessage()
                    + "); start rosbridge_server (ros2 launch rosbridge_server rosbridge_websocket_launch.xml)"
                    + " or pass the right --rosbridge-url", e);
        }
        if (!heartbeat.isZero()) {
            long ms = heartbeat.toMillis();
            c.pinger.scheduleWithFixedDelay(c::beat, ms, ms, TimeUnit.MILLISECONDS);
        }
        return c;
    }

    public URI url() {
        return url;
    }

    public boolean connected() {
        WebSocket ws = socket;
        return ws != null && !ws.isOutputClosed() && !ws.isInputClosed() && !closed;
    }

    /** Told true on every (re)connection and false on every loss. */
    public void onConnection(Consumer<Boolean> listener) {
        connectionListeners.add(listener);
    }

    /** Told every status message the server sends. */
    public void onStatus(Consumer<Status> listener) {
        statusListeners.add(listener);
    }

    /**
     * Told when the server answers one of our advertise / subscribe ops with an error status (the
     * op failed: nothing will be published or received on that topic until it is made again).
     */
    public void onFailure(Runnable listener) {
        failureListeners.add(listener);
    }

    /**
     * The server's error for our last {@code advertise} ({@code kind} "advertise") or
     * {@code subscribe} of the topic on this connection; empty when it raised none. Cleared when the
     * op is made again (re-advertise, reconnect).
     */
    public Optional<String> failure(String kind, String topic) {
        return ops.failure(kind, topic);
    }

    /** Messages that {@link #publish} dropped because the link was down. */
    public long droppedWhileDown() {
        return droppedWhileDown.get();
    }

    /** Declares that this client publishes {@code topic} with {@code type}; kept across reconnects. */
    public void advertise(String topic, String type) {
        sendIfConnected(ops.advertise(topic, type));
    }

    public void unadvertise(String topic) {
        ops.unadvertise(topic).ifPresent(this::sendIfConnected);
    }

    /** Publishes a message (the ROS message as JSON) on an advertised topic. */
    public void publish(String topic, JsonNode msg) {
        if (!ops.advertised(topic)) {
            throw new IllegalStateException("advertise " + topic + " before publishing on it");
        }
        if (!sendIfConnected(RosbridgeOps.publishOp(topic, msg))) {
            droppedWhileDown.incrementAndGet();
        }
    }

    /**
     * Subscribes; the handler gets each message's {@code msg} object. Closing the handle sends
     * unsubscribe.
     */
    public AutoCloseable subscribe(String topic, String type, Consumer<JsonNode> handler) {
        String id = ops.subscribe(topic, type, handler);
        sendIfConnected(ops.subscribeOp(id));
        return () -> ops.unsubscribe(id).ifPresent(this::sendIfConnected);
    }

    /**
     * Calls a service; completes with the response's {@code values}, or exceptionally when the server
     * answers {@code result: false}, reports an error status for the call, or the link drops.
     */
    public CompletableFuture<JsonNode> callService(String service, JsonNode args) {
        String id = ops.nextId("call_service", service);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        calls.put(id, f);
        f.whenComplete((v, e) -> calls.remove(id));
        if (!sendIfConnected(RosbridgeOps.callServiceOp(id, service, args))) {
            f.completeExceptionally(new IOException("rosbridge " + url + " is not connected"));
        }
        return f.orTimeout(Math.max(timeout.toMillis(), 5000) * 2, TimeUnit.MILLISECONDS);
    }

    // ---- connection ------------------------------------------------------------------------------

    private void open() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, new Listener())
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(cause.toString(), cause);
        } catch (TimeoutException e) {
            throw new IOException("no WebSocket handshake within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        lastPongNanos = System.nanoTime();
        ops.forgetRefusals();
        socket = ws;
        try {
            // replay the declarations: the server forgot them with the old connection
            for (ObjectNode op : ops.replay()) {
                send(ws, op);
            }
        } catch (IOException e) {
            socket = null;
            ws.abort();
            throw e;
        }
        log.info("rosbridge {}: connected ({} advertised, {} subscribed)", url, ops.advertisedCount(), ops.subscribedCount());
        notifyConnection(true);
    }

    /** Sends a ping; declares the link lost when three intervals passed without a pong. */
    private void beat() {
        WebSocket ws = socket;
        if (ws == null || closed) {
            return;
        }
        long silentMs = (System.nanoTime() - lastPongNanos) / 1_000_000;
        if (silentMs > 3 * heartbeat.toMillis()) {
            lost(ws, "no pong for " + silentMs + " ms");
            ws.abort();
            return;
        }
        ws.sendPing(ByteBuffer.wrap(new byte[] {'c', 'b'}));
    }

    private void lost(WebSocket ws, String why) {
        if (socket != ws) {
            return;
        }
        socket = null;
        IOException e = new IOException("rosbridge " + url + " link lost: " + why);
        for (CompletableFuture<JsonNode> f : calls.values()) {
            f.completeExceptionally(e);
        }
        if (closed) {
            return;
        }
        log.warn("rosbridge {}: link lost ({}); reconnecting", url, why);
        notifyConnection(false);
        reconnector.trigger();
    }

    private void notifyConnection(boolean up) {
        for (Consumer<Boolean> l : connectionListeners) {
            try {
                l.accept(up);
            } catch (RuntimeException e) {
                log.warn("rosbridge connection listener failed", e);
            }
        }
    }

    private boolean sendIfConnected(ObjectNode op) {
        WebSocket ws = socket;
        if (ws == null) {
            return false;
        }
        try {
            send(ws, op);
            return true;
        } catch (IOException e) {
            lost(ws, e.getMessage());
            return false;
        }
    }

    private void send(WebSocket ws, ObjectNode op) throws IOException {
        String text;
        try {
            text = Messages.mapper().writeValueAsString(op);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        // the JDK WebSocket allows one outstanding send: serialize them
        synchronized (sendLock) {
            try {
                ws.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException("send failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("send blocked for " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    // ---- incoming ---------------------------------------------------------------------------------

    private void dispatch(String text) {
        JsonNode n;
        try {
            n = Messages.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            log.warn("rosbridge {}: ignored malformed JSON: {}", url, e.getOriginalMessage());
            return;
        }
        switch (n.path("op").asText("")) {
            case "publish" -> {
                String topic = n.path("topic").asText();
                JsonNode msg = n.path("msg");
                for (Consumer<JsonNode> handler : ops.handlers(topic)) {
                    try {
                        handler.accept(msg);
                    } catch (RuntimeException e) {
                        log.warn("rosbridge {}: handler for {} failed: {}", url, topic, e.toString());
                    }
                }
            }
            case "service_response" -> {
                CompletableFuture<JsonNode> f = calls.get(n.path("id").asText());
                if (f == null) {
                    log.debug("rosbridge {}: service response without a pending call: {}", url, text);
                } else if (n.path("result").asBoolean(true)) {
                    f.complete(n.path("values"));
                } else {
                    f.completeExceptionally(new IOException("service " + n.path("service").asText() + " failed: "
                            + n.path("values")));
                }
            }
            case "status" -> status(new Status(n.path("level").asText("info"), n.path("msg").asText(""),
                    n.path("id").isMissingNode() ? null : n.path("id").asText()));
            default -> log.debug("rosbridge {}: ignored op {}", url, n.path("op"));
        }
    }

    private void status(Status s) {
        switch (s.level()) {
            case "error" -> log.warn("rosbridge {} error{}: {}", url, s.id() == null ? "" : " for " + s.id(), s.msg());
            case "warning" -> log.warn("rosbridge {} warning: {}", url, s.msg());
            default -> log.info("rosbridge {} {}: {}", url, s.level(), s.msg());
        }
        if ("error".equals(s.level()) && s.id() != null) {
            CompletableFuture<JsonNode> f = calls.get(s.id());
            if (f != null) {
                f.completeExceptionally(new IOException("rosbridge error for " + s.id() + ": " + s.msg()));
            }
            if (ops.refused(s.id(), s.msg())) {
                for (Runnable l : failureListeners) {
                    try {
                        l.run();
                    } catch (RuntimeException e) {
                        log.warn("rosbridge failure listener failed", e);
                    }
                }
            }
        }
        for (Consumer<Status> l : statusListeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                log.warn("rosbridge status listener failed", e);
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            // rosbridge only sends binary in BSON/CBOR modes, which this client does not ask for
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            lastPongNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            lost(ws, "closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(ws, error.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnector.close();
        pinger.shutdownNow();
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("rosbridge {}: close handshake failed: {}", url, e.toString());
            }
            ws.abort();
        }
        for (CompletableFuture<JsonNode> f : calls.values()) {
            f.completeExceptionally(new IOException("rosbridge client closed"));
        }
        notifyConnection(false);
    }
}
