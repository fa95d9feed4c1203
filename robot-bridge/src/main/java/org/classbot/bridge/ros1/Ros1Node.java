package org.classbot.bridge.ros1;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.classbot.bridge.ros1.msg.MessageType;
import org.classbot.bridge.transport.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ROS 1 node in the JVM, what ROSJava's node was: a slave XML-RPC API (requestTopic,
 * publisherUpdate, getBusInfo, getPid, shutdown, ...), a TCPROS server for its publications,
 * registrations with the master, and a watcher that re-registers everything when the master comes
 * back after a restart (new pid) or an outage.
 */
final class Ros1Node implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ros1Node.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(3);

    private final NodeConfig config;
    private final RosRpc rpc = new RosRpc(RPC_TIMEOUT);
    private final XmlRpcHttpServer slave;
    private final ServerSocket tcpros;
    private final URI callerApi;
    private final Map<String, Publication<?>> publications = new ConcurrentHashMap<>();
    private final Map<String, Subscription<?>> subscriptions = new ConcurrentHashMap<>();
    private final List<Consumer<Boolean>> masterListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicInteger registrations = new AtomicInteger();
    private final ExecutorService handshakes;
    private final Thread acceptor;
    private final Thread watcher;
    private volatile boolean masterUp;
    private volatile Object masterPid;
    private volatile boolean closed;
    private volatile String shutdownReason;

    private Ros1Node(NodeConfig config) throws IOException {
        this.config = config;
        // ask the master first so that a wrong --ros-master fails before any server starts
        masterPid = pingMaster();
        masterUp = true;
        try {
            slave = new XmlRpcHttpServer(config.bindAddress(), "ros1-slave " + config.name(), this::dispatch);
        } catch (IOException e) {
            throw listenError(e);
        }
        tcpros = new ServerSocket();
        try {
            tcpros.bind(new InetSocketAddress(config.bindAddress(), 0), 64);
        } catch (IOException e) {
            slave.close();
            tcpros.close();
            throw listenError(e);
        }
        callerApi = URI.create("http://" + hostForUri(config.advertiseHost()) + ":" + slave.port() + "/");
        handshakes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tcpros-handshake " + config.name());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "tcpros-accept " + config.name());
        acceptor.setDaemon(true);
        acceptor.start();
        watcher = new Thread(this::watchMaster, "ros1-master-watch " + config.name());
        watcher.setDaemon(true);
        watcher.start();
        log.info("ROS 1 node {} up: slave API {}, TCPROS port {}, master {}", config.name(), callerApi,
                tcpros.getLocalPort(), config.masterUri());
    }

    /**
     * Starts a node.
     *
     * @throws IOException naming the master URI and what to do when the master cannot be reached
     */
    static Ros1Node start(NodeConfig config) throws IOException {
        return new Ros1Node(config);
    }

    String name() {
        return config.name();
    }

    URI callerApi() {
        return callerApi;
    }

    URI masterUri() {
        return config.masterUri();
    }

    RosRpc rpc() {
        return rpc;
    }

    int tcpRosPort() {
        return tcpros.getLocalPort();
    }

    /** Whether the master answered the last check and the master has not told this node to shut down. */
    boolean masterUp() {
        return masterUp && shutdownReason == null && !closed;
    }

    /** How many times all registrations were (re)made with a master; 1 after start. */
    int registrationRounds() {
        return registrations.get();
    }

    /** Told true/false when the master comes back / goes away. */
    void onMasterState(Consumer<Boolean> listener) {
        masterListeners.add(listener);
    }

    int nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    <T> Publication<T> advertise(String topic, MessageType<T> type, boolean latch) throws IOException {
        String t = NodeConfig.topic(topic);
        Publication<T> p = new Publication<>(this, t, type, latch);
        if (publications.putIfAbsent(t, p) != null) {
            throw new IllegalStateException(name() + " already publishes " + t);
        }
        try {
            rpc.call(config.masterUri(), "registerPublisher", name(), t, type.name(), callerApi.toString());
        } catch (IOException e) {
            publications.remove(t);
            throw masterError("register as publisher of " + t + " with", e);
        }
        registrations.compareAndSet(0, 1);
        return p;
    }

    <T> Subscription<T> subscribe(String topic, MessageType<T> type, Consumer<T> handler) throws IOException {
        String t = NodeConfig.topic(topic);
        Subscription<T> s = new Subscription<>(this, t, type, handler);
        if (subscriptions.putIfAbsent(t, s) != null) {
            throw new IllegalStateException(name() + " already subscribes " + t);
        }
        try {
            Object pubs = rpc.call(config.masterUri(), "registerSubscriber", name(), t, type.name(), callerApi.toString());
            s.update(RosRpc.strings(pubs));
        } catch (IOException e) {
            subscriptions.remove(t);
            throw masterError("register as subscriber of " + t + " with", e);
        }
        registrations.compareAndSet(0, 1);
        return s;
    }

    void unadvertise(Publication<?> p) {
        if (publications.remove(p.topic(), p) && !closed) {
            try {
                rpc.call(config.masterUri(), "unregisterPublisher", name(), p.topic(), callerApi.toString());
            } catch (IOException e) {
                log.debug("{}: unregisterPublisher {} failed: {}", name(), p.topic(), e.getMessage());
            }
        }
    }

    void unsubscribe(Subscription<?> s) {
        if (subscriptions.remove(s.topic(), s) && !closed) {
            try {
                rpc.call(config.masterUri(), "unregisterSubscriber", name(), s.topic(), callerApi.toString());
            } catch (IOException e) {
                log.debug("{}: unregisterSubscriber {} failed: {}", name(), s.topic(), e.getMessage());
            }
        }
    }

    /** Asks the master for a node's slave API URI. */
    URI lookupNode(String nodeName) throws IOException {
        return URI.create(String.valueOf(rpc.call(config.masterUri(), "lookupNode", name(), nodeName)));
    }

    /** Published topics and their types, as the master knows them. */
    Map<String, String> publishedTopics() throws IOException {
        Object v = rpc.call(config.masterUri(), "getPublishedTopics", name(), "");
        Map<String, String> out = new java.util.TreeMap<>();
        if (v instanceof Object[] arr) {
            for (Object o : arr) {
                List<String> pair = RosRpc.strings(o);
                if (pair.size() == 2) {
                    out.put(pair.get(0), pair.get(1));
                }
            }
        }
        return out;
    }

    /** Nodes the master lists as publishers of {@code topic} (getSystemState). */
    List<String> publishersOf(String topic) throws IOException {
        return systemState(0, topic);
    }

    /** Nodes the master lists as subscribers of {@code topic} (getSystemState). */
    List<String> subscribersOf(String topic) throws IOException {
        return systemState(1, topic);
    }

    private List<String> systemState(int index, String topic) throws IOException {
        Object v = rpc.call(config.masterUri(), "getSystemState", name());
        if (v instanceof Object[] state && state.length > index && state[index] instanceof Object[] entries) {
            for (Object e : entries) {
                if (e instanceof Object[] pair && pair.length == 2 && topic.equals(pair[0])) {
                    return RosRpc.strings(pair[1]);
                }
            }
        }
        return List.of();
    }

    private Object pingMaster() throws IOException {
        try {
            return rpc.call(config.masterUri(), "getPid", name());
        } catch (IOException e) {
            throw masterError("reach", e);
        }
    }

    private IOException listenError(IOException e) {
        return new IOException("cannot listen on " + config.bindAddress().getHostAddress() + " (" + e.getMessage()
                + "); ROS_IP / ROS_HOSTNAME / ros.bind must name an address of this machine", e);
    }

    private IOException masterError(String what, IOException e) {
        return new IOException("cannot " + what + " ROS master " + config.masterUri() + " (" + e.getMessage()
                + "); start roscore or pass the right --ros-master / ROS_MASTER_URI", e);
    }

    private void watchMaster() {
        Backoff backoff = Backoff.standard();
        while (!closed && shutdownReason == null) {
            long wait = masterUp ? config.masterPoll().toMillis() : backoff.next().toMillis();
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            if (closed || shutdownReason != null) {
                // told to shut down: another node owns this name now; never fight it for the name
                return;
            }
            Object pid;
            try {
                pid = rpc.call(config.masterUri(), "getPid", name());
            } catch (IOException e) {
                if (masterUp) {
                    log.warn("{}: ROS master {} lost: {}", name(), config.masterUri(), e.getMessage());
                    setMasterUp(false);
                }
                continue;
            }
            boolean restarted = !pid.equals(masterPid);
            if ((!masterUp || restarted) && shutdownReason == null) {
                try {
                    registerAll();
                    masterPid = pid;
                    backoff.reset();
                    log.info("{}: ROS master {} {}; re-registered {} publication(s), {} subscription(s)", name(),
                            config.masterUri(), restarted ? "restarted (pid " + pid + ")" : "is back",
                            publications.size(), subscriptions.size());
                    setMasterUp(true);
                } catch (IOException e) {
                    log.warn("{}: re-registration with {} failed: {}", name(), config.masterUri(), e.getMessage());
                    setMasterUp(false);
                }
            }
        }
    }

    private void registerAll() throws IOException {
        for (Publication<?> p : publications.values()) {
            rpc.call(config.masterUri(), "registerPublisher", name(), p.topic(), p.type().name(), callerApi.toString());
        }
        for (Subscription<?> s : subscriptions.values()) {
            Object pubs = rpc.call(config.masterUri(), "registerSubscriber", name(), s.topic(), s.type().name(),
                    callerApi.toString());
            s.update(RosRpc.strings(pubs));
        }
        registrations.incrementAndGet();
    }

    private void setMasterUp(boolean up) {
        boolean changed = masterUp != up;
        masterUp = up;
        if (changed) {
            for (Consumer<Boolean> l : masterListeners) {
                try {
                    l.accept(up);
                } catch (RuntimeException e) {
                    log.warn("master state listener failed", e);
                }
            }
        }
    }

    // ---- TCPROS server -------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = tcpros.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{}: TCPROS accept failed: {}", name(), e.toString());
                }
                return;
            }
            handshakes.execute(() -> handshake(s));
        }
    }

    private void handshake(Socket s) {
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(5000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            Map<String, String> header = TcpRos.readHeader(in);
            s.setSoTimeout(0);
            String topic = header.get("topic");
            Publication<?> p = topic == null ? null : publications.get(topic);
            if (p == null) {
                String err = header.containsKey("service") ? "this node offers no services"
                        : "node " + name() + " does not publish " + topic;
                s.getOutputStream().write(TcpRos.encodeHeader(Map.of("error", err)));
                s.close();
                return;
            }
            p.accept(s, header, nextConnectionId());
        } catch (IOException e) {
            log.debug("{}: TCPROS handshake from {} failed: {}", name(), s.getRemoteSocketAddress(), e.getMessage());
            try {
                s.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    // ---- slave API ---------------------------------------------------------------------------

    private Object dispatch(String method, Object[] params) throws Exception {
        return switch (method) {
            case "requestTopic" -> requestTopic(params);
            case "publisherUpdate" -> publisherUpdate(params);
            case "getPid" -> ok(ProcessHandle.current().pid() > Integer.MAX_VALUE ? -1 : (int) ProcessHandle.current().pid());
            case "getMasterUri" -> ok(config.masterUri().toString());
            case "getBusInfo" -> ok(busInfo());
            case "getBusStats" -> ok(new Object[] {new Object[0], new Object[0], new Object[0]});
            case "getSubscriptions" -> ok(topics(subscriptions.values().stream().map(s -> new String[] {s.topic(), s.type().name()}).toList()));
            case "getPublications" -> ok(topics(publications.values().stream().map(p -> new String[] {p.topic(), p.type().name()}).toList()));
            case "paramUpdate" -> ok(0);
            case "shutdown" -> shutdownRequested(params);
            default -> throw XmlRpcHttpServer.unknown(method);
        };
    }

    private Object requestTopic(Object[] params) {
        String topic = params.length > 1 ? String.valueOf(params[1]) : "";
        if (!publications.containsKey(topic)) {
            return new Object[] {-1, "node " + name() + " does not publish " + topic, new Object[0]};
        }
        boolean offered = params.length > 2 && params[2] instanceof Object[] protos
                && java.util.Arrays.stream(protos).anyMatch(p -> p instanceof Object[] a && a.length > 0 && "TCPROS".equals(a[0]));
        if (!offered) {
            return new Object[] {0, "only TCPROS is supported", new Object[0]};
        }
        return new Object[] {1, "ready on " + config.advertiseHost() + ":" + tcpros.getLocalPort(),
                new Object[] {"TCPROS", config.advertiseHost(), tcpros.getLocalPort()}};
    }

    private Object publisherUpdate(Object[] params) {
        String topic = params.length > 1 ? String.valueOf(params[1]) : "";
        Subscription<?> s = subscriptions.get(topic);
        if (s != null && params.length > 2) {
            s.update(RosRpc.strings(params[2]));
        }
        return ok(0);
    }

    private Object[] busInfo() {
        List<Object> rows = new ArrayList<>();
        for (Publication<?> p : publications.values()) {
            for (Publication<?>.Link l : p.links()) {
                rows.add(new Object[] {l.id, l.callerId, "o", "TCPROS", p.topic(), true});
            }
        }
        for (Subscription<?> s : subscriptions.values()) {
            for (Subscription<?>.Link l : s.links()) {
                rows.add(new Object[] {l.id, l.api, "i", "TCPROS", s.topic(), l.connected});
            }
        }
        return rows.toArray();
    }

    private Object shutdownRequested(Object[] params) {
        String reason = params.length > 1 ? String.valueOf(params[1]) : "no reason given";
        log.warn("{}: the ROS master asked this node to shut down: {}", name(), reason);
        shutdownReason = reason;
        setMasterUp(false);
        return ok(0);
    }

    /** Why the master shut this node down (another node took its name), or null. */
    String shutdownReason() {
        return shutdownReason;
    }

    private static Object[] topics(List<String[]> pairs) {
        return pairs.stream().map(p -> (Object) new Object[] {p[0], p[1]}).toArray();
    }

    private static Object[] ok(Object value) {
        return new Object[] {1, "", value};
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        // unregister while the servers still run, then stop everything
        for (Publication<?> p : List.copyOf(publications.values())) {
            p.close();
        }
        for (Subscription<?> s : List.copyOf(subscriptions.values())) {
            s.close();
        }
        closed = true;
        watcher.interrupt();
        try {
            tcpros.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        handshakes.shutdownNow();
        slave.close();
        log.info("ROS 1 node {} closed", name());
    }
}
