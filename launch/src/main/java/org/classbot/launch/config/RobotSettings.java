package org.classbot.launch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.classbot.bridge.Pose;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.launch.app.UserError;

/**
 * {@code robot.*}: which robot, over what, its classroom map and the safety governor's limits.
 * Endpoints stay text here: the connection flags override them and {@code RobotFactory} checks the result.
 *
 * @param options transport options handed to the transport as they are ({@code ConnectionSpec.options}):
 *                the typed keys below under their transport's prefix, plus every {@code robot.options.KEY}
 *                as {@code KEY} (dotted keys such as {@code rosbridge.timeout_ms} included)
 */
public record RobotSettings(String profile, String id, Optional<String> mqttUrl, Optional<String> rosMaster,
                            Optional<String> rosbridgeUrl, Topics topics, SafetyLimits limits, RoomMap map,
                            Map<String, String> options) {

    /** ROS topic names (ros1, rosbridge). */
    public record Topics(String cmdVel, String odom, String say) {
    }

    static RobotSettings from(ClassbotConfig c) {
        RoomMap map = map(c);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("mqtt.embedded_port", Integer.toString(c.integer("robot.mqtt.embedded_port")));
        c.path("robot.mqtt.ca_file").ifPresent(p -> o.put("mqtt.ca_file", p.toString()));
        o.put("mqtt.odom_hz", Integer.toString(c.integer("robot.mqtt.odom_hz")));
        o.put("sim.rate_hz", Double.toString(c.decimal("robot.sim.rate_hz")));
        o.put("sim.battery", Double.toString(c.decimal("robot.sim.battery")));
        o.put("sim.start", startPose(c));
        o.put("sim.walls", map.walls().format());
        map.place("charging_station").ifPresent(p -> o.put("sim.dock", p.pose().x() + "," + p.pose().y()));
        o.putAll(c.section("robot.options"));
        return new RobotSettings(c.string("robot.profile").toLowerCase(Locale.ROOT), c.string("robot.id"),
                c.find("robot.mqtt.url").map(String::strip), c.find("robot.ros.master").map(String::strip),
                c.find("robot.rosbridge.url").map(String::strip),
                new Topics(c.string("robot.topics.cmd_vel"), c.string("robot.topics.odom"), c.string("robot.topics.say")),
                limits(c, map), map, Map.copyOf(o));
    }

    private static SafetyLimits limits(ClassbotConfig c, RoomMap map) {
        SafetyLimits.Builder b = SafetyLimits.builder()
                .maxLinear(c.decimal("robot.safety.max_linear_mps"))
                .maxAngular(c.decimal("robot.safety.max_angular_rps"))
                .linearAccel(c.decimal("robot.safety.linear_accel_mps2"))
                .angularAccel(c.decimal("robot.safety.angular_accel_rps2"))
                .watchdog(Duration.ofMillis(c.longInteger("robot.safety.watchdog_ms")))
                .rejectLinear(c.decimal("robot.safety.reject_linear_mps"))
                .rejectAngular(c.decimal("robot.safety.reject_angular_rps"));
        if (c.bool("robot.safety.geofence")) {
            b.geofence(map.geofence());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError("bad robot.safety settings" + c.where() + ": " + e.getMessage());
        }
    }

    private static RoomMap map(ClassbotConfig c) {
        RoomMap builtIn = RoomMap.classroom();
        Polygon walls = c.find("robot.map.walls").map(s -> polygon(c, s, "robot.map.walls")).orElse(builtIn.walls());
        Polygon fence = c.find("robot.map.geofence").map(s -> polygon(c, s, "robot.map.geofence")).orElse(builtIn.geofence());
        List<Place> places = new ArrayList<>();
        for (String name : c.children("robot.places")) {
            String k = "robot.places." + name;
            Optional<String> x = c.find(k + ".x");
            Optional<String> y = c.find(k + ".y");
            if (x.isEmpty() || y.isEmpty()) {
                throw new UserError("place '" + name + "' needs x and y in metres (" + k + ".x, " + k + ".y)" + c.where());
            }
            double theta = c.find(k + ".theta_deg").isPresent() ? Math.toRadians(c.decimal(k + ".theta_deg")) : 0;
            List<String> aliases = c.find(k + ".aliases").map(s -> List.of(s.split("\\s*,\\s*"))).orElse(List.of());
            places.add(new Place(name, new Pose(c.decimal(k + ".x"), c.decimal(k + ".y"), theta), aliases));
        }
        return new RoomMap(walls, places.isEmpty() ? builtIn.places() : places, fence);
    }

    private static String startPose(ClassbotConfig c) {
        String v = c.string("robot.sim.start");
        String[] p = v.split(",");
        try {
            if (p.length == 3) {
                return Double.parseDouble(p[0].strip()) + "," + Double.parseDouble(p[1].strip()) + ","
                        + Math.toRadians(Double.parseDouble(p[2].strip()));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserError("robot.sim.start must be 'x,y,theta_deg', got '" + v + "'" + c.where());
    }

    private static Polygon polygon(ClassbotConfig c, String s, String key) {
        try {
            return Polygon.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UserError(key + ": " + e.getMessage() + " (write \"x,y x,y x,y ...\")" + c.where());
        }
    }
}
