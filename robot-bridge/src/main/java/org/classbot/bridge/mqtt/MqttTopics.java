package org.classbot.bridge.mqtt;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The topic schema of DESIGN.md for one robot: {@code classbot/{robot}/cmd_vel}, {@code odom},
 * {@code status}, {@code estop}, {@code say}, {@code perception}.
 */
public record MqttTopics(String robot) {

    private static final Pattern ROBOT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static final String ROOT = "classbot";
    /** Every robot's status, for listing who is online. */
    public static final String ALL_STATUS = ROOT + "/+/status";

    public MqttTopics {
        Objects.requireNonNull(robot, "robot");
        if (!ROBOT_ID.matcher(robot).matches()) {
            throw new IllegalArgumentException("robot id '" + robot + "' must be 1-64 letters, digits, '_', '.' or '-'"
                    + " (it becomes part of MQTT topic names)");
        }
    }

    public String cmdVel() {
        return base() + "cmd_vel";
    }

    public String odom() {
        return base() + "odom";
    }

    public String status() {
        return base() + "status";
    }

    public String estop() {
        return base() + "estop";
    }

    public String say() {
        return base() + "say";
    }

    public String perception() {
        return base() + "perception";
    }

    private String base() {
        return ROOT + "/" + robot + "/";
    }

    /** The robot id in a topic of this schema, e.g. {@code classbot/r2/status} -> r2; null if not ours. */
    static String robotOf(String topic) {
        String[] parts = topic.split("/");
        return parts.length == 3 && parts[0].equals(ROOT) ? parts[1] : null;
    }
}
