package org.classbot.bridge.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.classbot.bridge.Pose;
import org.classbot.bridge.Twist;

/**
 * The one JSON mapping of the bridge's messages, shared by every JSON transport (MQTT, rosbridge).
 * Shapes follow the ROS messages reduced to a ground robot: a twist is
 * {@code {"linear":{"x":..},"angular":{"z":..}}} (geometry_msgs/Twist; readers ignore the other
 * axes), odometry is {@code {"x","y","theta","v","w","ts"}} (DESIGN.md MQTT odom).
 * Readers check every number once here and say what is wrong, so transports never see NaN.
 */
public final class Messages {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Odometry as carried on the wire: pose in the map frame, measured velocities, time (epoch ms). */
    public record Odometry(Pose pose, Twist velocity, long ts) {
    }

    private Messages() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code {"linear":{"x":..},"angular":{"z":..}}}. */
    public static ObjectNode twist(Twist t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.putObject("linear").put("x", t.linear());
        n.putObject("angular").put("z", t.angular());
        return n;
    }

    /** The MQTT command: the twist plus {@code "ts"} (epoch ms when sent). */
    public static ObjectNode command(Twist t, long ts) {
        return twist(t).put("ts", ts);
    }

    /** Reads {@code linear.x} and {@code angular.z}; both must be present and finite. */
    public static Twist readTwist(JsonNode n) throws MessageException {
        if (n == null || !n.isObject()) {
            throw new MessageException("a twist must be a JSON object like {\"linear\":{\"x\":0.1},\"angular\":{\"z\":0.0}}");
        }
        double x = finite(n.path("linear").path("x"), "linear.x");
        double z = finite(n.path("angular").path("z"), "angular.z");
        return new Twist(x, z);
    }

    public static ObjectNode odometry(Odometry o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("x", o.pose().x());
        n.put("y", o.pose().y());
        n.put("theta", o.pose().theta());
        n.put("v", o.velocity().linear());
        n.put("w", o.velocity().angular());
        n.put("ts", o.ts());
        return n;
    }

    public static Odometry readOdometry(JsonNode n) throws MessageException {
        if (n == null || !n.isObject()) {
            throw new MessageException("odometry must be a JSON object {\"x\",\"y\",\"theta\",\"v\",\"w\",\"ts\"}");
        }
        Pose p = new Pose(finite(n.path("x"), "x"), finite(n.path("y"), "y"), finite(n.path("theta"), "theta"));
        Twist v = new Twist(finite(n.path("v"), "v"), finite(n.path("w"), "w"));
        long ts = n.path("ts").isNumber() ? n.path("ts").asLong() : System.currentTimeMillis();
        return new Odometry(p, v, ts);
    }

    /** Parses UTF-8 JSON; a malformed payload becomes a {@link MessageException} saying where. */
    public static JsonNode parse(byte[] payload) throws MessageException {
        try {
            JsonNode n = MAPPER.readTree(payload);
            if (n == null || n.isMissingNode()) {
                throw new MessageException("empty payload, expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new MessageException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MessageException("unreadable payload: " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static double finite(JsonNode v, String field) throws MessageException {
        if (v.isMissingNode() || v.isNull()) {
            throw new MessageException("missing number '" + field + "'");
        }
        if (!v.isNumber()) {
            // Jackson reads the non-standard tokens NaN/Infinity only as text; say so plainly
            throw new MessageException("'" + field + "' must be a finite number, got " + v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new MessageException("'" + field + "' must be a finite number, got " + d);
        }
        return d;
    }
}
