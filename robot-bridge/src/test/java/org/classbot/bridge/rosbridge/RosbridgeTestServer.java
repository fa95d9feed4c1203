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
 * masked client frames, fragmentation, ping, close) and the rosbridge ops — advertise, unadvertise,
 * publish (only on topics this connection advertised with a valid type, message checked against the
 * type in the server's dialect), subscribe, unsubscribe, call_service — routing publishes to every
 * subscribed connection (the sender's own included, as rosbridge's node does).
 *
 * <p>It answers like the real servers (rosbridge_suite {@code ros1} at 55a6bdb, {@code ros2} at
 * c1bfc2f), selectable per test ({@link Options}): the dialect ({@link Dialect#ROS1} accepts only
 * {@code pkg/Type}: {@code "geometry_msgs/msg/Twist is not a valid type string"}; {@link Dialect#ROS2}
 * accepts {@code pkg/Type} and {@code pkg/msg/Type}, as its {@code ros_loader} does; headers
 * {@code seq, stamp{secs,nsecs}} vs {@code stamp{sec,nanosec}}); whether mistakes are also answered
 * with a {@code status} op naming the op's id (the v2 protocol's status message) or only written to
 * the server's log as both real branches do ({@link #log()}); and whether rosapi runs
 * ({@code /rosapi/get_ros_version}, {@code /rosapi/topic_type}, {@code /rosapi/subscribers}).
 * Every op received is recorded.
 */
final class RosbridgeTestServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which ROS the server runs. */
    enum Dialect { ROS1, ROS2 }

    /**
     * How the server behaves.
     *
     * @param statusReplies mistakes also answered with a {@code status} op (else only logged)
     * @param rosapi        rosapi's services answer
     */
    record Options(Dialect dialect, boolean statusReplies, boolean rosapi) {
        /** The default of the older tests: ROS 2, status replies, no rosapi. */
        static Options ros2() {
            return new Options(Dialect.ROS2, true, false);
        }

        /** A real ROS 1 rosbridge_websocket as rosbridge-up.sh starts it: silent, no rosapi. */
        static Options realRos1() {
            return new Options(Dialect.ROS1, false, false);
        }

        Options withStatusReplies(boolean v) {
            return new Options(dialect, v, rosapi);
        }

        Options withRosapi(boolean v) {
            return new Options(dialect, statusReplies, v);
        }
    }

    /** One op a client sent, with the connection it came on. */
    record Received(int connection, JsonNode op) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private final Map<String, String> topicTypes = new ConcurrentHashMap<>();
    private final Map<String, Function<JsonNode, JsonNode>> services = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> muted = ConcurrentHashMap.newKeySet();
    private final int port;
    private final Options options;
    private volatile ServerSocket server;
    private volatile int fragmentSize = Integer.MAX_VALUE;
    private volatile boolean frozen;
    private volatile int nextConn;

    private RosbridgeTestServer(int port, Options options) {
        this.port = port;
        this.options = options;
        if (options.rosapi()) {
            services.put("/rosapi/get_ros_version", args -> JSON.createObjectNode()
                    .put("version", options.dialect() == Dialect.ROS1 ? 1 : 2)
                    .put("distro", options.dialect() == Dialect.ROS1 ? "noetic" : "jazzy"));
            services.put("/rosapi/topic_type", args -> JSON.createObjectNode()
                    .put("type", topicTypes.getOrDefault(args.path("topic").asText(), "")));
            services.put("/rosapi/subscribers", args -> {
                ObjectNode v = JSON.createObjectNode();
                com.fasterxml.jackson.databind.node.ArrayNode a = v.putArray("subscribers");
                if (conns.stream().anyMatch(c -> c.subs.containsValue(args.path("topic").asText()))) {
                    a.add("/rosbridge_websocket");
                }
                return v;
            });
        }
    }

    static RosbridgeTestServer start() throws IOException {
        return start(Options.ros2());
    }

    static RosbridgeTestServer start(Options options) throws IOException {
        RosbridgeTestServer s = new RosbridgeTestServer(0, options);
        s.listen(0);
        return s;
    }

    Options options() {
        return options;
    }

    /** What the server wrote to its log (the real servers' only report of a client's mistake). */
    List<String> log() {
        return log;
    }

    /** Stops delivering publishes on the topic (a robot whose odometry stalled); {@link #unmute} resumes. */
    void mute(String topic) {
        muted.add(topic);
    }

    void unmute(String topic) {
        muted.remove(topic);
    }

    /**
     * Listens on {@code p}, or with 0 on a free port below Linux's ephemeral range (32768-60999): a
     * client reconnecting to a stopped server on an ephemeral port can connect to itself (TCP
     * simultaneous open) and then hold the port the restart needs.
     */
    private void listen(int p) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        if (p != 0) {
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
        } else {
            java.util.Random r = new java.util.Random();
            for (int attempt = 0; ; attempt++) {
                try {
                    ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 20000 + r.nextInt(12000)));
                    break;
                } catch (IOException e) {
                    if (attempt > 50) {
                        throw e;
                    }
                }
            }
        }
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

    /** Whether some client's subscription to {@code topic} is registered (not just received) by now. */
    boolean subscribed(String topic) {
        return conns.stream().anyMatch(c -> c.subs.containsValue(topic));
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
        if (muted.contains(topic)) {
            return;
        }
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
            c.sendStatus(level, msg, null);
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
                    if (topic == null || type == null) {
                        status("error", "advertise: Expected a topic and a type: " + op, opId);
                        return;
                    }
                    if (!validType(type)) {
                        status("error", "advertise: " + type + " is not a valid type string", opId);
                        return;
                    }
                    String known = topicTypes.putIfAbsent(topic, canonical(type));
                    if (known != null && !known.equals(canonical(type))) {
                        status("error", "advertise: Tried to register topic " + topic + " with type " + type
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
                        status("error", "publish: Expected a topic and a msg object: " + op, opId);
                        return;
                    }
                    String type = adverts.get(topic);
                    if (type == null) {
                        status("error", "publish: Cannot infer topic type for topic " + topic + " as it is not yet advertised", opId);
                        return;
                    }
                    String problem = MessageShapes.check(options.dialect(), type, msg);
                    if (problem != null) {
                        status("error", "publish: " + type + ": " + problem, opId);
                        return;
                    }
                    publish(topic, msg);
                }
                case "subscribe" -> {
                    String topic = text(op, "topic");
                    if (topic == null) {
                        status("error", "subscribe: Expected a topic: " + op, opId);
                        return;
                    }
                    String type = text(op, "type");
                    if (type != null && !validType(type)) {
                        status("error", "subscribe: " + type + " is not a valid type string", opId);
                        return;
                    }
                    String known = topicTypes.get(topic);
                    if (type != null && known != null && !known.equals(canonical(type))) {
                        status("error", "subscribe: Tried to register topic " + topic + " with type " + type
                                + " but it is already established with type " + known, opId);
                        return;
                    }
                    if (type != null) {
                        topicTypes.putIfAbsent(topic, canonical(type));
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

        /** ROS 1: {@code pkg/Type} only; ROS 2 also {@code pkg/msg/Type}. */
        private boolean validType(String type) {
            return options.dialect() == Dialect.ROS1 ? type.matches("[A-Za-z0-9_]+/[A-Za-z0-9_]+")
                    : type.matches("[A-Za-z0-9_]+/(msg/)?[A-Za-z0-9_]+");
        }

        /** The name the server keeps a topic's type under (ROS 2: {@code pkg/msg/Type}). */
        private String canonical(String type) {
            return options.dialect() == Dialect.ROS2 && !type.contains("/msg/") ? type.replace("/", "/msg/") : type;
        }

        private String text(JsonNode op, String field) {
            JsonNode v = op.get(field);
            return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
        }

        void status(String level, String msg, String opId) {
            log.add("[Client " + id + "]" + (opId == null ? "" : " [id: " + opId + "]") + " " + msg);
            if (options.statusReplies()) {
                sendStatus(level, msg, opId);
            }
        }

        void sendStatus(String level, String msg, String opId) {
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
        static String check(Dialect dialect, String type, JsonNode msg) {
            String bare = type.replace("/msg/", "/");
            return switch (bare) {
                case "geometry_msgs/Twist" -> vector3s(msg, "linear", "angular");
                case "geometry_msgs/TwistStamped" -> {
                    String h = header(dialect, msg.path("header"));
                    yield h != null ? h : vector3s(msg.path("twist"), "linear", "angular");
                }
                case "nav_msgs/Odometry" -> {
                    String h = header(dialect, msg.path("header"));
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

        private static String header(Dialect dialect, JsonNode h) {
            JsonNode stamp = h.path("stamp");
            boolean ros2 = dialect == Dialect.ROS2;
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
