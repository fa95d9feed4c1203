package org.classbot.launch.robot;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.Transports;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.launch.app.UserError;
import org.classbot.launch.config.ClassbotConfig;

/**
 * Builds robots for the application from the connection flags and the configuration: the
 * {@link ConnectionSpec}, the {@link SafetyLimits}, the {@link RoomMap}, and the robot itself, always
 * governed ({@link RobotBridges#connect}). Mistakes in flags or config become one-line
 * {@link UserError}s that say what to fix.
 */
public final class RobotFactory {

    private final ClassbotConfig config;

    public RobotFactory(ClassbotConfig config) {
        this.config = config;
    }

    /** The profile the flags or config choose, lower-case. */
    public String profile(ConnectionOptions flags) {
        return flags.profile().orElse(config.getString("robot.profile", "sim")).strip().toLowerCase(Locale.ROOT);
    }

    /** The robot the flags and config describe. */
    public ConnectionSpec spec(ConnectionOptions flags) {
        return spec(flags, profile(flags));
    }

    /** The spec for another profile than the one chosen (e.g. the simulator behind {@code classbot sim}). */
    public ConnectionSpec spec(ConnectionOptions flags, String profile) {
        List<String> known = Transports.profiles();
        if (!known.contains(profile)) {
            throw new UserError("unknown robot profile '" + profile + "' (--profile or robot.profile); use one of " + known);
        }
        String robot = flags.robot().orElse(config.getString("robot.id", "classbot1")).strip();
        if (!robot.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new UserError("robot id '" + robot + "' (--robot or robot.id) must be 1-64 letters, digits, '_', '.' or '-'");
        }
        ConnectionSpec.Builder b = ConnectionSpec.builder(profile).robotId(robot)
                .cmdVelTopic(config.getString("robot.topics.cmd_vel", "/cmd_vel"))
                .odomTopic(config.getString("robot.topics.odom", "/odom"))
                .sayTopic(config.getString("robot.topics.say", "/say"));
        flags.mqttUrl().or(() -> config.find("robot.mqtt.url"))
                .ifPresent(u -> b.mqttUrl(uri(u, "--mqtt-url / robot.mqtt.url", "tcp://127.0.0.1:1883", "tcp", "ssl")));
        flags.rosMaster().or(() -> config.find("robot.ros.master"))
                .ifPresent(u -> b.rosMaster(uri(u, "--ros-master / robot.ros.master", "http://127.0.0.1:11311", "http")));
        flags.rosbridgeUrl().or(() -> config.find("robot.rosbridge.url"))
                .ifPresent(u -> b.rosbridgeUrl(uri(u, "--rosbridge-url / robot.rosbridge.url", "ws://127.0.0.1:9090", "ws", "wss")));
        b.options(options());
        return b.build();
    }

    /** The governor's limits from {@code robot.safety.*}, with the map's geofence when enabled. */
    public SafetyLimits limits() {
        SafetyLimits.Builder b = SafetyLimits.builder()
                .maxLinear(config.getDouble("robot.safety.max_linear_mps", 0.5))
                .maxAngular(config.getDouble("robot.safety.max_angular_rps", 1.5))
                .linearAccel(config.getDouble("robot.safety.linear_accel_mps2", 1.0))
                .angularAccel(config.getDouble("robot.safety.angular_accel_rps2", 4.0))
                .watchdog(Duration.ofMillis(config.getLong("robot.safety.watchdog_ms", 500)))
                .rejectLinear(config.getDouble("robot.safety.reject_linear_mps", 3.0))
                .rejectAngular(config.getDouble("robot.safety.reject_angular_rps", 10.0));
        if (config.getBoolean("robot.safety.geofence", true)) {
            b.geofence(map().geofence());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError("bad robot.safety settings" + source() + ": " + e.getMessage());
        }
    }

    /** The classroom map from {@code robot.map.*} and {@code robot.places.*}. */
    public RoomMap map() {
        RoomMap builtIn = RoomMap.classroom();
        Polygon walls = config.find("robot.map.walls").map(s -> polygon(s, "robot.map.walls")).orElse(builtIn.walls());
        Polygon fence = config.find("robot.map.geofence").map(s -> polygon(s, "robot.map.geofence")).orElse(builtIn.geofence());
        List<Place> places = new ArrayList<>();
        for (String name : config.children("robot.places")) {
            String k = "robot.places." + name;
            double x = config.getDouble(k + ".x", Double.NaN);
            double y = config.getDouble(k + ".y", Double.NaN);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                throw new UserError("place '" + name + "' needs x and y in metres (" + k + ".x, " + k + ".y)" + source());
            }
            double theta = Math.toRadians(config.getDouble(k + ".theta_deg", 0));
            List<String> aliases = config.find(k + ".aliases").map(s -> List.of(s.split("\\s*,\\s*"))).orElse(List.of());
            places.add(new Place(name, new Pose(x, y, theta), aliases));
        }
        return new RoomMap(walls, places.isEmpty() ? builtIn.places() : places, fence);
    }

    /** A governed robot, connected; with {@code requireOnline} it fails clearly when the robot is not there. */
    public SafetyGovernor connect(ConnectionOptions flags, boolean requireOnline) {
        ConnectionSpec spec = spec(flags);
        SafetyLimits limits = limits();
        SafetyGovernor robot;
        try {
            robot = RobotBridges.connect(spec, limits);
        } catch (RobotBridgeException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError("cannot set up the " + spec.profile() + " robot: " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new UserError("profile " + spec.profile() + ": " + e.getMessage(), e);
        }
        if (requireOnline) {
            long end = System.currentTimeMillis() + 3000;
            while (!robot.state().connected() && System.currentTimeMillis() < end) {
                sleep(20);
            }
            if (!robot.state().connected()) {
                robot.close();
                throw new UserError("robot '" + spec.robotId() + "' is not online over " + spec.profile() + where(spec)
                        + " (start it, e.g. 'classbot sim --profile " + spec.profile() + " --robot " + spec.robotId()
                        + "', or check --robot)");
            }
        }
        return robot;
    }

    /** A governed in-process simulator for {@code classbot sim} (the robot side). */
    public SafetyGovernor simulator(ConnectionOptions flags) {
        ConnectionSpec sim = spec(flags, "sim");
        Map<String, String> o = new LinkedHashMap<>(sim.options());
        o.put("sim.say", "stdout");
        return RobotBridges.connect(sim.toBuilder().options(o).build(), limits());
    }

    static String where(ConnectionSpec spec) {
        return switch (spec.profile()) {
            case "mqtt" -> " at " + spec.mqttUrl().map(URI::toString).orElse("the embedded broker");
            case "ros1" -> spec.rosMaster().map(u -> " at " + u).orElse("");
            case "rosbridge" -> spec.rosbridgeUrl().map(u -> " at " + u).orElse("");
            default -> "";
        };
    }

    private Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        config.find("robot.mqtt.embedded_port").ifPresent(v -> o.put("mqtt.embedded_port", integer(v, "robot.mqtt.embedded_port")));
        config.find("robot.mqtt.ca_file").ifPresent(v -> o.put("mqtt.ca_file", ClassbotConfig.expandHome(v).toString()));
        config.find("robot.mqtt.odom_hz").ifPresent(v -> o.put("mqtt.odom_hz", v.strip()));
        config.find("robot.sim.rate_hz").ifPresent(v -> o.put("sim.rate_hz", v.strip()));
        config.find("robot.sim.battery").ifPresent(v -> o.put("sim.battery", v.strip()));
        config.find("robot.sim.start").ifPresent(v -> o.put("sim.start", startPose(v)));
        o.put("sim.walls", map().walls().format());
        map().place("charging_station").ifPresent(p -> o.put("sim.dock", p.pose().x() + "," + p.pose().y()));
        // free-form transport options: robot.options.KEY -> KEY
        for (String k : config.children("robot.options")) {
            config.find("robot.options." + k).ifPresent(v -> o.put(k, v));
        }
        return o;
    }

    private String startPose(String v) {
        String[] p = v.split(",");
        try {
            if (p.length == 3) {
                return Double.parseDouble(p[0].strip()) + "," + Double.parseDouble(p[1].strip()) + ","
                        + Math.toRadians(Double.parseDouble(p[2].strip()));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserError("robot.sim.start must be 'x,y,theta_deg', got '" + v + "'" + source());
    }

    private String integer(String v, String key) {
        try {
            return Integer.toString(Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw new UserError(key + " must be an integer, got '" + v + "'" + source());
        }
    }

    private Polygon polygon(String s, String key) {
        try {
            return Polygon.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UserError(key + ": " + e.getMessage() + " (write \"x,y x,y x,y ...\")" + source());
        }
    }

    private static URI uri(String s, String what, String example, String... schemes) {
        try {
            URI u = new URI(s.strip());
            if (u.getScheme() == null || u.getHost() == null || u.getPort() <= 0
                    || !List.of(schemes).contains(u.getScheme().toLowerCase(Locale.ROOT))) {
                throw new URISyntaxException(s, "bad form");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UserError(what + " '" + s + "' is not a URL like " + example);
        }
    }

    private String source() {
        return config.source().map(p -> " in " + p).orElse("");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Optional helper for callers that show where a robot is. */
    public static Optional<URI> endpoint(ConnectionSpec spec) {
        return switch (spec.profile()) {
            case "mqtt" -> spec.mqttUrl();
            case "ros1" -> spec.rosMaster();
            case "rosbridge" -> spec.rosbridgeUrl();
            default -> Optional.empty();
        };
    }
}
