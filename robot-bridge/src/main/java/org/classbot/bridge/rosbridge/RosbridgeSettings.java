package org.classbot.bridge.rosbridge;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.transport.Messages;
import org.slf4j.LoggerFactory;

/**
 * The rosbridge profile's settings from a connection spec: the URL ({@code --rosbridge-url}, default
 * {@code ws://127.0.0.1:9090}) and the options {@code rosbridge.ros_version} (2 or 1, default 2),
 * {@code rosbridge.cmd_vel_stamped} (true: geometry_msgs/TwistStamped, as TurtleBot3 on Jazzy
 * expects; unset: asked from rosapi, see {@link #resolve}), {@code rosbridge.timeout_ms} (default
 * 3000) and {@code rosbridge.heartbeat_ms} (WebSocket ping interval, default 1000; 0 = off; three
 * silent intervals = link lost) and {@code rosbridge.odom_timeout_ms} (default 1000; 0 = off: once
 * odometry flows, a longer pause means the robot is gone).
 */
record RosbridgeSettings(URI url, RosJson.Dialect dialect, Optional<Boolean> stamped, Duration timeout,
                         Duration heartbeat, Duration odomTimeout, String cmdVelTopic, String odomTopic,
                         String sayTopic) {

    static final URI DEFAULT_URL = URI.create("ws://127.0.0.1:9090");

    static RosbridgeSettings from(ConnectionSpec spec) {
        RosJson.Dialect d = RosJson.Dialect.parse(spec.option("rosbridge.ros_version").orElse("2"));
        Optional<Boolean> stamped = spec.option("rosbridge.cmd_vel_stamped").map(String::trim).map(v -> {
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("rosbridge.cmd_vel_stamped must be true or false, got '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        });
        long ms = millis(spec, "rosbridge.timeout_ms", 3000);
        if (ms < 100) {
            throw new IllegalArgumentException("rosbridge.timeout_ms must be at least 100, got " + ms);
        }
        long beat = millis(spec, "rosbridge.heartbeat_ms", 1000);
        if (beat != 0 && beat < 50) {
            throw new IllegalArgumentException("rosbridge.heartbeat_ms must be 0 (off) or at least 50, got " + beat);
        }
        long odomMs = millis(spec, "rosbridge.odom_timeout_ms", 1000);
        if (odomMs < 0) {
            throw new IllegalArgumentException("rosbridge.odom_timeout_ms must be 0 (off) or positive, got " + odomMs);
        }
        return new RosbridgeSettings(spec.rosbridgeUrl().orElse(DEFAULT_URL), d, stamped,
                Duration.ofMillis(ms), Duration.ofMillis(beat), Duration.ofMillis(odomMs), topic(spec.cmdVelTopic()), topic(spec.odomTopic()), topic(spec.sayTopic()));
    }

    RosbridgeSettings withStamped(boolean s) {
        return new RosbridgeSettings(url, dialect, Optional.of(s), timeout, heartbeat, odomTimeout, cmdVelTopic,
                odomTopic, sayTopic);
    }

    /** Opens the client these settings describe. */
    RosbridgeClient open() throws java.io.IOException {
        return RosbridgeClient.connect(url, timeout, heartbeat);
    }

    private static long millis(ConnectionSpec spec, String key, long dflt) {
        String v = spec.option(key).orElse(Long.toString(dflt)).trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds, got '" + v + "'", e);
        }
    }

    boolean isStamped() {
        return stamped.orElse(false);
    }

    String cmdVelType() {
        return isStamped() ? dialect.twistStamped : dialect.twist;
    }

    /**
     * Fills in {@code stamped} when the option left it open: asks rosapi
     * ({@code /rosapi/topic_type}, launched with rosbridge_server) for the command topic's type, so
     * that ClassBot matches what the robot listens to (TwistStamped on TurtleBot3/Jazzy). Unknown
     * topic, no rosapi, or a failure: plain Twist.
     */
    RosbridgeSettings resolve(RosbridgeClient client) {
        if (stamped.isPresent()) {
            return this;
        }
        try {
            String type = client.callService("/rosapi/topic_type", Messages.mapper().createObjectNode().put("topic", cmdVelTopic))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).path("type").asText("");
            boolean s = type.endsWith("/TwistStamped");
            LoggerFactory.getLogger(RosbridgeSettings.class).info("rosbridge {}: {} is '{}', sending {}", url, cmdVelTopic,
                    type, s ? "TwistStamped" : "Twist");
            return withStamped(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return withStamped(false);
        } catch (ExecutionException | TimeoutException e) {
            LoggerFactory.getLogger(RosbridgeSettings.class).info("rosbridge {}: cannot ask rosapi for the type of {} ({}); "
                    + "sending Twist (set rosbridge.cmd_vel_stamped to choose)", url, cmdVelTopic, e.getMessage());
            return withStamped(false);
        }
    }

    private static String topic(String t) {
        String s = t.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty topic name");
        }
        return s.startsWith("/") ? s : "/" + s;
    }
}
