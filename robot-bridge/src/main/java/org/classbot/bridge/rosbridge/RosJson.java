package org.classbot.bridge.rosbridge;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.classbot.bridge.Twist;
import org.classbot.bridge.ros1.msg.RosOdometry;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;

/**
 * The ROS messages as rosbridge carries them in JSON, for ROS 2 ({@code geometry_msgs/msg/Twist},
 * {@code builtin_interfaces/Time} as {@code sec/nanosec}) or ROS 1 ({@code geometry_msgs/Twist},
 * {@code secs/nsecs} and a {@code seq}). The message model itself is the one the ROS 1 codecs use.
 */
final class RosJson {

    /** Which ROS the rosbridge server runs: type names and header shapes differ. */
    enum Dialect {
        ROS1("geometry_msgs/Twist", "geometry_msgs/TwistStamped", "nav_msgs/Odometry", "std_msgs/String"),
        ROS2("geometry_msgs/msg/Twist", "geometry_msgs/msg/TwistStamped", "nav_msgs/msg/Odometry", "std_msgs/msg/String");

        final String twist;
        final String twistStamped;
        final String odometry;
        final String string;

        Dialect(String twist, String twistStamped, String odometry, String string) {
            this.twist = twist;
            this.twistStamped = twistStamped;
            this.odometry = odometry;
            this.string = string;
        }

        static Dialect parse(String s) {
            return switch (s.trim()) {
                case "1", "ros1" -> ROS1;
                case "2", "ros2" -> ROS2;
                default -> throw new IllegalArgumentException("rosbridge.ros_version must be 1 or 2, got '" + s + "'");
            };
        }
    }

    private RosJson() {
    }

    /** geometry_msgs/Twist with all six axes. */
    static ObjectNode twist(RosTwist t) {
        ObjectNode n = Messages.mapper().createObjectNode();
        n.putObject("linear").put("x", t.linearX()).put("y", t.linearY()).put("z", t.linearZ());
        n.putObject("angular").put("x", t.angularX()).put("y", t.angularY()).put("z", t.angularZ());
        return n;
    }

    /** geometry_msgs/TwistStamped, what TurtleBot3 on Jazzy listens to. */
    static ObjectNode twistStamped(Dialect d, RosTwist t, Instant stamp, String frameId, long seq) {
        ObjectNode n = Messages.mapper().createObjectNode();
        n.set("header", header(d, stamp, frameId, seq));
        n.set("twist", twist(t));
        return n;
    }

    /** Reads a Twist or a TwistStamped (its {@code twist} field); linear.x and angular.z must be finite. */
    static Twist readTwist(JsonNode msg) throws MessageException {
        JsonNode t = msg != null && msg.has("twist") && msg.has("header") ? msg.get("twist") : msg;
        return Messages.readTwist(t);
    }

    static ObjectNode odometry(Dialect d, RosOdometry o) {
        ObjectNode n = Messages.mapper().createObjectNode();
        n.set("header", header(d, o.stamp(), o.frameId(), o.seq()));
        n.put("child_frame_id", o.childFrameId());
        ObjectNode pose = n.putObject("pose");
        ObjectNode p = pose.putObject("pose");
        p.putObject("position").put("x", o.x()).put("y", o.y()).put("z", o.z());
        p.putObject("orientation").put("x", o.qx()).put("y", o.qy()).put("z", o.qz()).put("w", o.qw());
        zeros(pose.putArray("covariance"));
        ObjectNode twist = n.putObject("twist");
        twist.set("twist", twist(o.twist()));
        zeros(twist.putArray("covariance"));
        return n;
    }

    /** Reads nav_msgs/Odometry of either dialect; pose and twist numbers must be finite. */
    /** The year 9999: later stamps are not clocks. */
    private static final long MAX_STAMP_SECONDS = 253_402_300_799L;

    static RosOdometry readOdometry(JsonNode msg) throws MessageException {
        if (msg == null || !msg.isObject()) {
            throw new MessageException("odometry must be a JSON object (nav_msgs/Odometry)");
        }
        JsonNode header = msg.path("header");
        JsonNode stamp = header.path("stamp");
        long secs = stamp.has("sec") ? stamp.path("sec").asLong() : stamp.path("secs").asLong();
        long nanos = stamp.has("nanosec") ? stamp.path("nanosec").asLong() : stamp.path("nsecs").asLong();
        if (secs < 0 || secs > MAX_STAMP_SECONDS || nanos < 0 || nanos >= 1_000_000_000L) {
            // found by the fuzz test: a stamp past Instant's range threw a DateTimeException out of the handler
            throw new MessageException("header.stamp out of range: " + secs + " s, " + nanos + " ns");
        }
        JsonNode pose = msg.path("pose").path("pose");
        JsonNode pos = pose.path("position");
        JsonNode q = pose.path("orientation");
        JsonNode tw = msg.path("twist").path("twist");
        RosTwist twist = new RosTwist(num(tw.path("linear").path("x"), "twist.twist.linear.x", 0),
                num(tw.path("linear").path("y"), "twist.twist.linear.y", 0),
                num(tw.path("linear").path("z"), "twist.twist.linear.z", 0),
                num(tw.path("angular").path("x"), "twist.twist.angular.x", 0),
                num(tw.path("angular").path("y"), "twist.twist.angular.y", 0),
                num(tw.path("angular").path("z"), "twist.twist.angular.z", 0));
        return new RosOdometry(header.path("seq").asLong(0), Instant.ofEpochSecond(secs, nanos),
                header.path("frame_id").asText(""), msg.path("child_frame_id").asText(""),
                num(pos.path("x"), "pose.pose.position.x", Double.NaN), num(pos.path("y"), "pose.pose.position.y", Double.NaN),
                num(pos.path("z"), "pose.pose.position.z", 0),
                num(q.path("x"), "pose.pose.orientation.x", 0), num(q.path("y"), "pose.pose.orientation.y", 0),
                num(q.path("z"), "pose.pose.orientation.z", 0), num(q.path("w"), "pose.pose.orientation.w", 1), twist);
    }

    static ObjectNode string(String text) {
        return Messages.mapper().createObjectNode().put("data", text);
    }

    private static ObjectNode header(Dialect d, Instant stamp, String frameId, long seq) {
        ObjectNode h = Messages.mapper().createObjectNode();
        if (d == Dialect.ROS1) {
            h.put("seq", seq);
            h.putObject("stamp").put("secs", stamp.getEpochSecond()).put("nsecs", stamp.getNano());
        } else {
            h.putObject("stamp").put("sec", stamp.getEpochSecond()).put("nanosec", stamp.getNano());
        }
        h.put("frame_id", frameId);
        return h;
    }

    private static void zeros(com.fasterxml.jackson.databind.node.ArrayNode a) {
        for (int i = 0; i < 36; i++) {
            a.add(0.0);
        }
    }

    /** A finite number; {@code missing} when the field is absent (NaN: the field is required). */
    private static double num(JsonNode v, String field, double missing) throws MessageException {
        if (v.isMissingNode() || v.isNull()) {
            if (Double.isNaN(missing)) {
                throw new MessageException("odometry lacks '" + field + "'");
            }
            return missing;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new MessageException("odometry '" + field + "' must be a finite number, got " + v);
        }
        return v.asDouble();
    }
}
