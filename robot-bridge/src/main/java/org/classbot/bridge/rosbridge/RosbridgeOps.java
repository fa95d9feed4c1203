package org.classbot.bridge.rosbridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.classbot.bridge.transport.Messages;

/**
 * The bookkeeping and JSON of {@link RosbridgeClient}'s ops, apart from the WebSocket: what this
 * client declared (advertised topics, subscriptions, kept across reconnects and replayed on each new
 * connection), the ids of its ops, and the server's error statuses for them ({@link #failure}). It
 * sends nothing: each method returns the op for the client to send when the link is up.
 */
final class RosbridgeOps {

    private record Advert(String topic, String type) {
    }

    /** An op of ours the server may answer with an error status. */
    private record OpRef(String kind, String topic, String type) {
    }

    private record Sub(String id, String topic, String type, Consumer<JsonNode> handler) {
    }

    private final Map<String, Advert> adverts = new ConcurrentHashMap<>();
    private final Map<String, Sub> subs = new ConcurrentHashMap<>();
    private final Map<String, OpRef> ops = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** A fresh op id: {@code kind:name:N}. */
    String nextId(String kind, String name) {
        return kind + ":" + name + ":" + ids.incrementAndGet();
    }

    /** Declares {@code topic} advertised with {@code type} (its earlier refusal forgotten); the advertise op. */
    ObjectNode advertise(String topic, String type) {
        Advert a = new Advert(topic, type);
        adverts.put(topic, a);
        failures.remove("advertise " + topic);
        return advertOp(a);
    }

    /** Forgets the topic's advertisement; the unadvertise op, or empty when it was not advertised. */
    Optional<ObjectNode> unadvertise(String topic) {
        failures.remove("advertise " + topic);
        if (adverts.remove(topic) == null) {
            return Optional.empty();
        }
        ObjectNode op = op("unadvertise", nextId("unadvertise", topic));
        op.put("topic", topic);
        return Optional.of(op);
    }

    boolean advertised(String topic) {
        return adverts.containsKey(topic);
    }

    /** A new subscription; returns its id ({@link #subscribeOp} makes the op, {@link #unsubscribe} ends it). */
    String subscribe(String topic, String type, Consumer<JsonNode> handler) {
        String id = nextId("subscribe", topic);
        subs.put(id, new Sub(id, topic, type, handler));
        return id;
    }

    /** The subscribe op of subscription {@code id} (its earlier refusal forgotten). */
    ObjectNode subscribeOp(String id) {
        return subscribeOp(subs.get(id));
    }

    /** Forgets subscription {@code id}; the unsubscribe op, or empty when it had ended already. */
    Optional<ObjectNode> unsubscribe(String id) {
        ops.remove(id);
        Sub s = subs.remove(id);
        if (s == null) {
            return Optional.empty();
        }
        ObjectNode op = op("unsubscribe", id);
        op.put("topic", s.topic());
        return Optional.of(op);
    }

    /** For a new connection: forgets every refusal (the server forgot our ops with the old connection). */
    void forgetRefusals() {
        failures.clear();
    }

    /** For a new connection: the ops that declare everything again, advertisements first. */
    List<ObjectNode> replay() {
        List<ObjectNode> out = new ArrayList<>();
        for (Advert a : adverts.values()) {
            out.add(advertOp(a));
        }
        for (Sub s : subs.values()) {
            out.add(subscribeOp(s));
        }
        return out;
    }

    int advertisedCount() {
        return adverts.size();
    }

    int subscribedCount() {
        return subs.size();
    }

    /** The handlers of the subscriptions to {@code topic}. */
    List<Consumer<JsonNode>> handlers(String topic) {
        List<Consumer<JsonNode>> out = new ArrayList<>();
        for (Sub s : subs.values()) {
            if (s.topic().equals(topic)) {
                out.add(s.handler());
            }
        }
        return out;
    }

    /**
     * Records the server's error status for op {@code id}; true when it was one of our advertise /
     * subscribe ops (then {@link #failure} reports it).
     */
    boolean refused(String id, String msg) {
        OpRef ref = ops.get(id);
        if (ref == null) {
            return false;
        }
        failures.put(ref.kind() + " " + ref.topic(), msg);
        return true;
    }

    /** See {@link RosbridgeClient#failure}. */
    Optional<String> failure(String kind, String topic) {
        return Optional.ofNullable(failures.get(kind + " " + topic));
    }

    // ---- encoding ---------------------------------------------------------------------------------

    static ObjectNode op(String name, String id) {
        ObjectNode op = Messages.mapper().createObjectNode();
        op.put("op", name);
        op.put("id", id);
        return op;
    }

    static ObjectNode publishOp(String topic, JsonNode msg) {
        ObjectNode op = Messages.mapper().createObjectNode();
        op.put("op", "publish");
        op.put("topic", topic);
        op.set("msg", msg);
        return op;
    }

    static ObjectNode callServiceOp(String id, String service, JsonNode args) {
        ObjectNode op = op("call_service", id);
        op.put("service", service);
        op.set("args", args == null ? Messages.mapper().createObjectNode() : args);
        return op;
    }

    private ObjectNode advertOp(Advert a) {
        String id = nextId("advertise", a.topic());
        ops.keySet().removeIf(k -> k.startsWith("advertise:" + a.topic() + ":"));
        ops.put(id, new OpRef("advertise", a.topic(), a.type()));
        ObjectNode op = op("advertise", id);
        op.put("topic", a.topic());
        op.put("type", a.type());
        return op;
    }

    private ObjectNode subscribeOp(Sub s) {
        ops.put(s.id(), new OpRef("subscribe", s.topic(), s.type()));
        failures.remove("subscribe " + s.topic());
        ObjectNode op = op("subscribe", s.id());
        op.put("topic", s.topic());
        op.put("type", s.type());
        op.put("queue_length", 1);
        return op;
    }
}
