package org.classbot.bridge.ros1;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.classbot.bridge.ros1.msg.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topic this node publishes: one TCPROS connection per subscriber, each fed by its own queue and
 * writer thread so that a slow or stuck subscriber never blocks the publisher (or the other
 * subscribers). When a queue is full the oldest message is dropped and counted.
 */
final class Publication<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Publication.class);
    static final int QUEUE = 4096;

    private final Ros1Node node;
    private final String topic;
    private final MessageType<T> type;
    private final boolean latch;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final List<Runnable> linkListeners = new CopyOnWriteArrayList<>();
    private volatile byte[] lastFrame;
    private volatile boolean closed;

    Publication(Ros1Node node, String topic, MessageType<T> type, boolean latch) {
        this.node = node;
        this.topic = topic;
        this.type = type;
        this.latch = latch;
    }

    String topic() {
        return topic;
    }

    MessageType<T> type() {
        return type;
    }

    /** Sends to every connected subscriber (none connected: the message is gone unless latched). */
    void publish(T message) {
        if (closed) {
            throw new IllegalStateException("publication of " + topic + " is closed");
        }
        byte[] frame = TcpRos.frame(type.serialize(message));
        if (latch) {
            lastFrame = frame;
        }
        for (Link l : links) {
            l.offer(frame);
        }
    }

    /** Waits until every subscriber's queue is written out, at most {@code timeoutMillis}. */
    boolean drain(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (links.stream().anyMatch(l -> !l.queue.isEmpty())) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    int subscriberCount() {
        return links.size();
    }

    /** Messages dropped because a subscriber did not keep up. */
    long dropped() {
        return dropped.get();
    }

    /** Told whenever a subscriber connects or goes away. */
    void onSubscribersChanged(Runnable listener) {
        linkListeners.add(listener);
    }

    private void subscribersChanged() {
        for (Runnable r : linkListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("subscriber listener of {} failed", topic, e);
            }
        }
    }

    /** The subscribers' connections, for getBusInfo. */
    List<Link> links() {
        return links;
    }

    /** Answers a subscriber's connection header and starts feeding it. */
    void accept(Socket socket, Map<String, String> request, int connectionId) throws IOException {
        String wanted = request.getOrDefault("md5sum", "*");
        if (!wanted.equals("*") && !wanted.equals(type.md5())) {
            String err = "topic " + topic + " is " + type.name() + " (" + type.md5() + "), subscriber "
                    + request.get("callerid") + " wants " + request.get("type") + " (" + wanted + ")";
            socket.getOutputStream().write(TcpRos.encodeHeader(Map.of("error", err)));
            throw new IOException(err);
        }
        Map<String, String> reply = new java.util.LinkedHashMap<>();
        reply.put("callerid", node.name());
        reply.put("latching", latch ? "1" : "0");
        reply.put("md5sum", type.md5());
        reply.put("message_definition", type.definition());
        reply.put("topic", topic);
        reply.put("type", type.name());
        OutputStream out = socket.getOutputStream();
        out.write(TcpRos.encodeHeader(reply));
        out.flush();
        Link link = new Link(socket, request.getOrDefault("callerid", "?"), connectionId);
        byte[] latched = lastFrame;
        if (latched != null) {
            link.offer(latched);
        }
        links.add(link);
        link.start();
        subscribersChanged();
        log.debug("{}: subscriber {} connected to {}", node.name(), link.callerId, topic);
    }

    @Override
    public void close() {
        closed = true;
        node.unadvertise(this);
        for (Link l : links) {
            l.close();
        }
    }

    /** One subscriber's connection. */
    final class Link {
        final Socket socket;
        final String callerId;
        final int id;
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
        private final Thread writer;

        Link(Socket socket, String callerId, int id) {
            this.socket = socket;
            this.callerId = callerId;
            this.id = id;
            this.writer = new Thread(this::run, "tcpros-out " + topic + " -> " + callerId);
            writer.setDaemon(true);
        }

        void start() {
            writer.start();
        }

        void offer(byte[] frame) {
            while (!queue.offer(frame)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        }

        private void run() {
            try {
                OutputStream out = socket.getOutputStream();
                while (!socket.isClosed()) {
                    byte[] frame = queue.take();
                    out.write(frame);
                    // write whatever else is waiting before the flush-free socket sends it
                    byte[] more;
                    while ((more = queue.poll()) != null) {
                        out.write(more);
                    }
                }
            } catch (IOException e) {
                log.debug("{}: subscriber {} of {} went away: {}", node.name(), callerId, topic, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        void close() {
            if (links.remove(this)) {
                subscribersChanged();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            writer.interrupt();
        }
    }
}
