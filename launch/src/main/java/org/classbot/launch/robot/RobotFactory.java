package org.classbot.launch.robot;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.Transports;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.launch.app.UserError;
import org.classbot.launch.config.RobotSettings;

/**
 * Builds robots for the application from the connection flags and the configuration: the
 * {@link ConnectionSpec}, the {@link SafetyLimits}, the {@link RoomMap}, and the robot itself, always
 * governed ({@link RobotBridges#connect}). Mistakes in flags or config become one-line
 * {@link UserError}s that say what to fix.
 */
public final class RobotFactory {

    private final RobotSettings settings;

    public RobotFactory(RobotSettings settings) {
        this.settings = settings;
    }

    /** The profile the flags or config choose, lower-case. */
    public String profile(ConnectionOptions flags) {
        return flags.profile().orElse(settings.profile()).strip().toLowerCase(Locale.ROOT);
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
        String robot = flags.robot().orElse(settings.id()).strip();
        if (!robot.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new UserError("robot id '" + robot + "' (--robot or robot.id) must be 1-64 letters, digits, '_', '.' or '-'");
        }
        ConnectionSpec.Builder b = ConnectionSpec.builder(profile).robotId(robot)
                .cmdVelTopic(settings.topics().cmdVel())
                .odomTopic(settings.topics().odom())
                .sayTopic(settings.topics().say());
        // one endpoint, the chosen transport's: its flag, else its setting; another transport's flag is a mistake
        switch (profile) {
            case "mqtt" -> flags.mqttUrl().or(settings::mqttUrl)
                    .ifPresent(u -> b.endpoint(uri(u, "--mqtt-url / robot.mqtt.url", "tcp://127.0.0.1:1883", "tcp", "ssl")));
            case "ros1" -> flags.rosMaster().or(settings::rosMaster)
                    .ifPresent(u -> b.endpoint(uri(u, "--ros-master / robot.ros.master", "http://127.0.0.1:11311", "http")));
            case "rosbridge" -> flags.rosbridgeUrl().or(settings::rosbridgeUrl)
                    .ifPresent(u -> b.endpoint(uri(u, "--rosbridge-url / robot.rosbridge.url", "ws://127.0.0.1:9090", "ws", "wss")));
            default -> { }
        }
        if (profile.equals(profile(flags))) {
            mismatched(flags.mqttUrl(), "--mqtt-url", "mqtt", profile);
            mismatched(flags.rosMaster(), "--ros-master", "ros1", profile);
            mismatched(flags.rosbridgeUrl(), "--rosbridge-url", "rosbridge", profile);
        }
        Map<String, String> options = new LinkedHashMap<>(settings.options());
        try {
            options.putAll(flags.options());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        b.options(options);
        return b.build();
    }

    /** The governor's limits from {@code robot.safety.*}, with the map's geofence when enabled. */
    public SafetyLimits limits() {
        return settings.limits();
    }

    /** The classroom map from {@code robot.map.*} and {@code robot.places.*}. */
    public RoomMap map() {
        return settings.map();
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
                java.util.Optional<String> problem = robot.problem();
                robot.close();
                throw new UserError(problem.orElseGet(() -> "robot '" + spec.robotId() + "' is not online over " + spec.profile()
                        + where(spec) + (spec.profile().equals("ros1") || spec.profile().equals("rosbridge")
                        ? ": nothing subscribes to " + spec.cmdVelTopic() + " and no odometry on " + spec.odomTopic() : "")
                        + " (start it, e.g. 'classbot sim --profile " + spec.profile() + " --robot " + spec.robotId()
                        + "', or check --robot) / 机器人不在线"));
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
        return spec.profile().equals("mqtt") && spec.endpoint().isEmpty() ? " at the embedded broker"
                : spec.endpoint().map(u -> " at " + u).orElse("");
    }

    private static void mismatched(Optional<String> flag, String name, String itsProfile, String profile) {
        if (flag.isPresent() && !itsProfile.equals(profile)) {
            throw new UserError(name + " is for --profile " + itsProfile + ", but this robot uses --profile " + profile
                    + "; drop " + name + " or change the profile / " + name + " 只用于 " + itsProfile);
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Optional helper for callers that show where a robot is. */
    public static Optional<URI> endpoint(ConnectionSpec spec) {
        return spec.endpoint();
    }
}
