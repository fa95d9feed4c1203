package org.classbot.bridge.mqtt;

import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;

/**
 * A robot's retained {@code classbot/{robot}/status}:
 * {@code {"robot":"classbot1","state":"online","estopped":false,"battery":0.97,"ts":1764350000000}};
 * the last will is the same with {@code "state":"offline"}. A bare {@code online}/{@code offline}
 * payload is read too.
 */
public record RobotStatus(String robot, boolean online, boolean estopped, OptionalDouble battery, long ts) {

    ObjectNode toJson() {
        ObjectNode n = Messages.mapper().createObjectNode();
        n.put("robot", robot);
        n.put("state", online ? "online" : "offline");
        n.put("estopped", estopped);
        if (battery.isPresent()) {
            n.put("battery", Math.round(battery.getAsDouble() * 1000) / 1000.0);
        }
        n.put("ts", ts);
        return n;
    }

    static RobotStatus parse(String robot, byte[] payload) throws MessageException {
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.equals("online") || text.equals("offline")) {
            return new RobotStatus(robot, text.equals("online"), false, OptionalDouble.empty(), 0);
        }
        JsonNode n = Messages.parse(payload);
        String state = n.path("state").asText("");
        if (!state.equals("online") && !state.equals("offline")) {
            throw new MessageException("status needs \"state\": \"online\" or \"offline\", got " + n.path("state"));
        }
        OptionalDouble battery = n.path("battery").isNumber() ? OptionalDouble.of(n.path("battery").asDouble()) : OptionalDouble.empty();
        return new RobotStatus(robot, state.equals("online"), n.path("estopped").asBoolean(false), battery, n.path("ts").asLong(0));
    }
}
