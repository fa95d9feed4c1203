package org.classbot.bridge.ros1;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.classbot.bridge.ros1.msg.MessageType;
import org.classbot.bridge.transport.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic this node subscribes to: one TCPROS connection to each publisher the master names
 * (registerSubscriber's answer, then publisherUpdate calls). A dropped connection is retried with
 * backoff while the publisher is still listed. A publisher that a new list no longer names keeps its
 * live connection until it closes it — after a master restart the new master may not know a
 * publisher whose stream is perfectly alive.
 */
final class Subscription<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final Ros1Node node;
    private final String topic;
    private final MessageType<T> type;
    private final Consumer<T> handler;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;

    Subscription(Ros1Node node, String topic, MessageType<T> type, Consumer<T> handler) {
        this.node = node;
        this.topic = topic;
        this.type = type;
        this.handler = handler;
    }

    String topic() {
        return topic;
    }

    MessageType<T> type() {
        return type;
    }

    long received() {
        return received.get();
    }

    /** Messages that did not deserialize (logged and skipped). */
    long rejected() {
        return rejected.get();
    }

    Collection<Link> links() {
        return links.values();
    }

    /** Number of publishers with a live TCPROS stream. */
    int connectedPublishers() {
        return (int) links.values().stream().filter(l -> l.connected).count();
    }

    /** The master's current list of publisher APIs for this topic. */
    synchronized void update(List<String> publisherApis) {
        if (closed) {
            return;
        }
        for (String api : publisherApis) {
            Link l = links.get(api);
            if (l == null) {
                Link fresh = new Link(api, node.nextConnectionId());
                links.put(api, fresh);
                fresh.start();
            } else {
                l.listed = true;
            }
        }
        for (Link l : links.values()) {
            if (!publisherApis.contains(l.api)) {
                l.listed = false;
                if (!l.connected) {
                    l.close();
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        node.unsubscribe(this);
        for (Link l : links.values()) {
            l.close();
        }
    }

    private void deliver(byte[] body, String from) {
        T msg;
        try {
            msg = type.deserialize(body);
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            log.warn("{}: dropped a malformed {} on {} from {}: {}", node.name(), type.name(), topic, from, e.getMessage());
            return;
        }
        received.incrementAndGet();
        try {
            handler.accept(msg);
        } catch (RuntimeException e) {
            log.warn("{}: handler for {} failed: {}", node.name(), topic, e.toString(), e);
        }
    }

    /** The connection to one publisher. */
    final class Link {
        final String api;
        final int id;
        volatile boolean listed = true;
        volatile boolean connected;
        volatile String publisherId = "?";
        private volatile Socket socket;
        private volatile boolean stopped;
        private final Thread thread;

        Link(String api, int id) {
            this.api = api;
            this.id = id;
            this.thread = new Thread(this::run, "tcpros-in " + topic + " <- " + api);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            Backoff backoff = Backoff.standard();
            while (!stopped && !closed) {
                try {
                    stream(backoff);
                } catch (EOFException e) {
                    log.debug("{}: publisher {} closed {}", node.name(), api, topic);
                } catch (IOException e) {
                    if (!stopped) {
                        log.debug("{}: connection to {} for {} failed: {}", node.name(), api, topic, e.getMessage());
                    }
                } finally {
                    connected = false;
                    closeSocket();
                }
                if (!listed || stopped || closed) {
                    break;
                }
                try {
                    Thread.sleep(backoff.next().toMillis());
                } catch (InterruptedException e) {
                    break;
                }
            }
            links.remove(api, this);
        }

        private void stream(Backoff backoff) throws IOException {
            Object proto = node.rpc().call(URI.create(api), "requestTopic", node.name(), topic,
                    new Object[] {new Object[] {"TCPROS"}});
            if (!(proto instanceof Object[] p) || p.length < 3 || !"TCPROS".equals(p[0])) {
                throw new IOException(api + " offers no TCPROS for " + topic + ": " + RosRpc.describe(proto));
            }
            Socket s = new Socket();
            socket = s;
            if (stopped) {
                throw new IOException("stopped");
            }
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(String.valueOf(p[1]), ((Number) p[2]).intValue()), 5000);
            Map<String, String> header = new LinkedHashMap<>();
            header.put("callerid", node.name());
            header.put("topic", topic);
            header.put("type", type.name());
            header.put("md5sum", type.md5());
            header.put("message_definition", type.definition());
            header.put("tcp_nodelay", "1");
            OutputStream out = s.getOutputStream();
            out.write(TcpRos.encodeHeader(header));
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            s.setSoTimeout(5000);
            Map<String, String> reply = TcpRos.readHeader(in);
            s.setSoTimeout(0);
            if (reply.containsKey("error")) {
                throw new IOException("publisher " + api + " refused " + topic + ": " + reply.get("error"));
            }
            String md5 = reply.getOrDefault("md5sum", "*");
            if (!md5.equals("*") && !md5.equals(type.md5())) {
                throw new IOException("publisher " + api + " sends " + reply.get("type") + " (" + md5 + ") on "
                        + topic + ", expected " + type);
            }
            publisherId = reply.getOrDefault("callerid", api);
            connected = true;
            backoff.reset();
            log.debug("{}: receiving {} from {}", node.name(), topic, publisherId);
            while (!stopped) {
                deliver(TcpRos.readFrame(in, TcpRos.MAX_MESSAGE, topic + " message"), publisherId);
            }
        }

        void close() {
            stopped = true;
            closeSocket();
            thread.interrupt();
            links.remove(api, this);
        }

        private void closeSocket() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
