package org.classbot.bridge.rosbridge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A protocol-level rosbridge v2 server for tests: RFC 6455 WebSocket over plain sockets (handshake,
 * masked client frames, fragmentation, ping, close) and the rosbridge ops a ROS 2 rosbridge_server
 * handles — advertise, unadvertise, publish (only on advertised topics, message checked against its
 * type), subscribe, unsubscribe, call_service — routing publishes to every subscribed connection and
 * answering mistakes with {@code status} errors as rosbridge does. Every op received is recorded.
 */
final class RosbridgeTestServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One op a client sent, with the connection it came on. */
    record Received(int connection, JsonNode op) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private final Map<String, String> topicTypes = new ConcurrentHashMap<>();
    private final Map<String, Function<JsonNode, JsonNode>> services = new ConcurrentHashMap<>();
    private final int port;
    private volatile ServerSocket server;
    private volatile int fragmentSize = Integer.MAX_VALUE;
    private volatile boolean frozen;
    private volatile int nextConn;

    private RosbridgeTestServer(int port) {
        this.port = port;
    }

    static RosbridgeTestServer start() throws IOException {
        return start(0);
    }

    static RosbridgeTestServer start(int port) throws IOException {
        RosbridgeTestServer s = new RosbridgeTestServer(port);
        s.listen(port);
        return s;
    }

    private void listen(int p) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
        server = ss;
        Thread t = new Thread(() -> acceptLoop(ss), "ws-test-accept");
        t.setDaemon(true);
        t.start();
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort());
    }

    /** Sends later text frames in pieces of this many bytes (continuation frames). */
    void fragmentFramesOf(int bytes) {
        fragmentSize = bytes;
    }

    /**
     * Freezes every current connection as a dead link would: nothing is answered or delivered on
     * them any more (no pongs), but the TCP connections stay open. New connections work normally.
     */
    void freezeConnections() {
        for (Conn c : conns) {
            c.frozen = true;
        }
    }

    void service(String name, Function<JsonNode, JsonNode> handler) {
        services.put(name, handler);
    }

    List<Received> received() {
        return received;
    }

    List<JsonNode> ops(String op) {
        return received.stream().map(Received::op).filter(o -> op.equals(o.path("op").asText())).toList();
    }

    int connections() {
        return conns.size();
    }

    /** Waits until some received op matches; fails listing what came. */
    JsonNode awaitOp(Predicate<JsonNode> p, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Received r : received) {
                if (p.test(r.op())) {
                    return r.op();
                }
            }
            sleep(10);
        }
        throw new AssertionError("no matching op within " + timeout + "; received: " + received);
    }

    /** Publishes as the ROS side would: to every connection subscribed to the topic. */
    void publish(String topic, JsonNode msg) {
        ObjectNode op = JSON.createObjectNode().put("op", "publish").put("topic", topic);
        op.set("msg", msg);
        for (Conn c : conns) {
            if (c.subscribed(topic)) {
                c.sendQuietly(op.toString());
            }
        }
    }

    void broadcastStatus(String level, String msg) {
        for (Conn c : conns) {
            c.status(level, msg, null);
        }
    }

    /** Cuts every connection without a close handshake, as a crashed server would. */
    void dropConnections() {
        for (Conn c : conns) {
            c.kill();
        }
    }

    /** Stops listening and drops every connection. */
    void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        listen(server.getLocalPort());
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            try {
                Socket s = ss.accept();
                Conn c = new Conn(s, ++nextConn);
                Thread t = new Thread(c::run, "ws-test-conn-" + c.id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Conn {
        final Socket socket;
        final int id;
        final Map<String, String> adverts = new ConcurrentHashMap<>();
        final Map<String, String> subs = new ConcurrentHashMap<>(); // id -> topic
        volatile boolean frozen;
        private OutputStream out;

        Conn(Socket socket, int id) {
            this.socket = socket;
            this.id = id;
        }

        boolean subscribed(String topic) {
            return !frozen && subs.containsValue(topic);
        }

        void run() {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                out = socket.getOutputStream();
                if (!handshake(in)) {
                    return;
                }
                conns.add(this);
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                while (true) {
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    boolean fin = (b0 & 0x80) != 0;
                    int opcode = b0 & 0x0F;
                    if ((b1 & 0x80) == 0) {
                        closeWith(1002, "client frames must be masked");
                        return;
                    }
                    long len = b1 & 0x7F;
                    if (len == 126) {
                        len = in.readUnsignedShort();
                    } else if (len == 127) {
                        len = in.readLong();
                    }
                    byte[] mask = new byte[4];
                    in.readFully(mask);
                    byte[] payload = new byte[(int) len];
                    in.readFully(payload);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    if (frozen) {
                        continue;
                    }
                    switch (opcode) {
                        case 0x0, 0x1 -> {
                            message.write(payload);
                            if (fin) {
                                handle(message.toString(StandardCharsets.UTF_8));
                                message.reset();
                            }
                        }
                        case 0x8 -> {
                            writeFrame(0x8, payload, true);
                            return;
                        }
                        case 0x9 -> writeFrame(0xA, payload, true);
                        case 0xA -> {
                        }
                        default -> {
                            closeWith(1003, "binary frames are not rosbridge JSON");
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // peer gone
            } finally {
                kill();
            }
        }

        private boolean handshake(DataInputStream in) throws IOException {
            String request = readLine(in);
            Map<String, String> headers = new ConcurrentHashMap<>();
            String line;
            while (!(line = readLine(in)).isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            String key = headers.get("sec-websocket-key");
            if (!request.startsWith("GET ") || key == null || !"websocket".equalsIgnoreCase(headers.get("upgrade"))
                    || !"13".equals(headers.get("sec-websocket-version"))) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.close();
                return false;
            }
            String accept;
            try {
                accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        }

        private String readLine(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            if (c == -1 && sb.length() == 0) {
                throw new IOException("connection closed during handshake");
            }
            return sb.toString();
        }

        private void handle(String text) {
            JsonNode op;
            try {
                op = JSON.readTree(text);
            } catch (IOException e) {
                status("error", "Unable to load the JSON message: " + text, null);
                return;
            }
            received.add(new Received(id, op));
            String name = op.path("op").asText("");
            String opId = op.hasNonNull("id") ? op.get("id").asText() : null;
            switch (name) {
                case "advertise" -> {
                    String topic = text(op, "topic");
                    String type = text(op, "type");
                    if (topic == null || type == null || !type.matches("[a-z0-9_]+/(msg/)?[A-Za-z0-9_]+")) {
                        status("error", "advertise needs a topic and a type like pkg/msg/Type: " + op, opId);
                        return;
                    }
                    String known = topicTypes.putIfAbsent(topic, type);
                    if (known != null && !known.equals(type)) {
                        status("error", "Tried to register topic " + topic + " with type " + type
                                + " but it is already established with type " + known, opId);
                        return;
                    }
                    adverts.put(topic, type);
                }
                case "unadvertise" -> adverts.remove(String.valueOf(text(op, "topic")));
                case "publish" -> {
                    String topic = text(op, "topic");
                    JsonNode msg = op.get("msg");
                    if (topic == null || msg == null || !msg.isObject()) {
                        status("error", "publish needs a topic and a msg object: " + op, opId);
                        return;
                    }
                    String type = adverts.get(topic);
                    if (type == null) {
                        status("error", "Cannot infer topic type for topic " + topic + " as it is not yet advertised", opId);
                        return;
                    }
                    String problem = MessageShapes.check(type, msg);
                    if (problem != null) {
                        status("error", type + ": " + problem, opId);
                        return;
                    }
                    publish(topic, msg);
                }
                case "subscribe" -> {
                    String topic = text(op, "topic");
                    if (topic == null) {
                        status("error", "subscribe needs a topic: " + op, opId);
                        return;
                    }
                    String type = text(op, "type");
                    String known = topicTypes.get(topic);
                    if (type != null && known != null && !known.equals(type)) {
                        status("error", "topic " + topic + " is " + known + ", not " + type, opId);
                        return;
                    }
                    if (type != null) {
                        topicTypes.putIfAbsent(topic, type);
                    }
                    subs.put(opId != null ? opId : "anon:" + topic, topic);
                }
                case "unsubscribe" -> {
                    String topic = text(op, "topic");
                    if (opId != null) {
                        subs.remove(opId);
                    } else {
                        subs.values().removeIf(t -> t.equals(topic));
                    }
                }
                case "call_service" -> {
                    String service = text(op, "service");
                    ObjectNode reply = JSON.createObjectNode().put("op", "service_response").put("service", service);
                    if (opId != null) {
                        reply.put("id", opId);
                    }
                    Function<JsonNode, JsonNode> h = service == null ? null : services.get(service);
                    if (h == null) {
                        reply.put("values", "Service " + service + " does not exist");
                        reply.put("result", false);
                    } else {
                        reply.set("values", h.apply(op.path("args")));
                        reply.put("result", true);
                    }
                    sendQuietly(reply.toString());
                }
                default -> status("error", "Unknown operation: " + name, opId);
            }
        }

        private String text(JsonNode op, String field) {
            JsonNode v = op.get(field);
            return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
        }

        void status(String level, String msg, String opId) {
            ObjectNode s = JSON.createObjectNode().put("op", "status").put("level", level).put("msg", msg);
            if (opId != null) {
                s.put("id", opId);
            }
            sendQuietly(s.toString());
        }

        void sendQuietly(String text) {
            try {
                byte[] data = text.getBytes(StandardCharsets.UTF_8);
                int size = Math.max(1, fragmentSize);
                synchronized (this) {
                    if (data.length <= size) {
                        writeFrame(0x1, data, true);
                        return;
                    }
                    for (int off = 0; off < data.length; off += size) {
                        byte[] part = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + size));
                        writeFrame(off == 0 ? 0x1 : 0x0, part, off + size >= data.length);
                    }
                }
            } catch (IOException e) {
                kill();
            }
        }

        private synchronized void writeFrame(int opcode, byte[] payload, boolean fin) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                f.write(payload.length);
            } else if (payload.length < 65536) {
                f.write(126);
                f.write(payload.length >>> 8);
                f.write(payload.length & 0xFF);
            } else {
                f.write(127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
                }
            }
            f.write(payload);
            out.write(f.toByteArray());
            out.flush();
        }

        private void closeWith(int code, String reason) throws IOException {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] p = new byte[2 + r.length];
            p[0] = (byte) (code >>> 8);
            p[1] = (byte) code;
            System.arraycopy(r, 0, p, 2, r.length);
            writeFrame(0x8, p, true);
        }

        void kill() {
            conns.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** The ROS message shapes this server checks published messages against. */
    static final class MessageShapes {
        private MessageShapes() {
        }

        /** Null when the message fits the type, else what is wrong (known types only). */
        static String check(String type, JsonNode msg) {
            String bare = type.replace("/msg/", "/");
            return switch (bare) {
                case "geometry_msgs/Twist" -> vector3s(msg, "linear", "angular");
                case "geometry_msgs/TwistStamped" -> {
                    String h = header(type, msg.path("header"));
                    yield h != null ? h : vector3s(msg.path("twist"), "linear", "angular");
                }
                case "nav_msgs/Odometry" -> {
                    String h = header(type, msg.path("header"));
                    if (h != null) {
                        yield h;
                    }
                    JsonNode pose = msg.path("pose").path("pose");
                    List<String> missing = new ArrayList<>();
                    for (String f : List.of("x", "y", "z")) {
                        if (!pose.path("position").path(f).isNumber()) {
                            missing.add("pose.pose.position." + f);
                        }
                    }
                    for (String f : List.of("x", "y", "z", "w")) {
                        if (!pose.path("orientation").path(f).isNumber()) {
                            missing.add("pose.pose.orientation." + f);
                        }
                    }
                    if (msg.path("pose").path("covariance").size() != 36 || msg.path("twist").path("covariance").size() != 36) {
                        missing.add("covariance[36]");
                    }
                    String t = vector3s(msg.path("twist").path("twist"), "linear", "angular");
                    yield !missing.isEmpty() ? "missing or non-numeric " + missing : t;
                }
                case "std_msgs/String" -> msg.path("data").isTextual() ? null : "data must be a string";
                default -> null;
            };
        }

        private static String header(String type, JsonNode h) {
            JsonNode stamp = h.path("stamp");
            boolean ros2 = type.contains("/msg/");
            boolean ok = ros2 ? stamp.path("sec").isIntegralNumber() && stamp.path("nanosec").isIntegralNumber()
                    : stamp.path("secs").isIntegralNumber() && stamp.path("nsecs").isIntegralNumber() && h.path("seq").isIntegralNumber();
            if (!ok || !h.path("frame_id").isTextual()) {
                return "header must have " + (ros2 ? "stamp{sec,nanosec}" : "seq, stamp{secs,nsecs}") + " and frame_id: " + h;
            }
            return null;
        }

        private static String vector3s(JsonNode msg, String... fields) {
            for (String f : fields) {
                for (String axis : List.of("x", "y", "z")) {
                    JsonNode v = msg.path(f).path(axis);
                    if (!v.isNumber()) {
                        return f + "." + axis + " must be a number, got " + v;
                    }
                }
            }
            return null;
        }
    }
}
