package org.classbot.bridge.rosbridge;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.transport.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rosbridge profile's settings from a connection spec: the URL ({@code --rosbridge-url}, default
 * {@code ws://127.0.0.1:9090}) and the options of {@link #OPTIONS} (each with its default there):
 * {@code rosbridge.ros_version} (auto, 1 or 2: auto asks rosapi, else probes, see
 * {@link DialectProbe}), {@code rosbridge.cmd_vel_stamped} (auto, true or false: auto asks rosapi's
 * {@code /rosapi/topic_type}; true: geometry_msgs/TwistStamped, as TurtleBot3 on Jazzy expects),
 * {@code rosbridge.timeout_ms}, {@code rosbridge.heartbeat_ms} (WebSocket ping interval; 0 = off;
 * three silent intervals = link lost), {@code rosbridge.odom_timeout_ms} (0 = off: once odometry
 * flows, a longer pause means the robot is gone), {@code rosbridge.probe_ms} (how long the dialect
 * probe waits), {@code rosbridge.subscribers_poll_ms} (how often rosapi is asked who subscribes to
 * the command topic; 0 = never) and, robot side, {@code rosbridge.odom_period_ms} (odometry
 * heartbeat).
 */
record RosbridgeSettings(URI url, Optional<RosJson.Dialect> rosVersion, Optional<Boolean> stamped, Duration timeout,
                         Duration heartbeat, Duration odomTimeout, Duration probe, Duration subscribersPoll,
                         Duration odomPeriod, String cmdVelTopic, String odomTopic, String sayTopic) {

    private static final Logger log = LoggerFactory.getLogger(RosbridgeSettings.class);

    static final URI DEFAULT_URL = URI.create("ws://127.0.0.1:9090");

    /** Every option of this profile with its default (also listed in launch's classbot-defaults.yaml). */
    static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rosbridge.ros_version", "auto");
        m.put("rosbridge.cmd_vel_stamped", "auto");
        m.put("rosbridge.timeout_ms", "3000");
        m.put("rosbridge.heartbeat_ms", "1000");
        m.put("rosbridge.odom_timeout_ms", "1000");
        m.put("rosbridge.probe_ms", "1500");
        m.put("rosbridge.subscribers_poll_ms", "1000");
        m.put("rosbridge.odom_period_ms", "100");
        return Map.copyOf(m);
    }

    static RosbridgeSettings from(ConnectionSpec spec) {
        String v = opt(spec, "rosbridge.ros_version").toLowerCase(java.util.Locale.ROOT);
        Optional<RosJson.Dialect> version = switch (v) {
            case "auto" -> Optional.empty();
            case "1", "ros1" -> Optional.of(RosJson.Dialect.ROS1);
            case "2", "ros2" -> Optional.of(RosJson.Dialect.ROS2);
            default -> throw new IllegalArgumentException("rosbridge.ros_version must be auto, 1 or 2, got '" + v
                    + "' / rosbridge.ros_version 只能是 auto、1 或 2");
        };
        String st = opt(spec, "rosbridge.cmd_vel_stamped").toLowerCase(java.util.Locale.ROOT);
        Optional<Boolean> stamped = switch (st) {
            case "auto" -> Optional.empty();
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new IllegalArgumentException("rosbridge.cmd_vel_stamped must be auto, true or false, got '"
                    + st + "' / rosbridge.cmd_vel_stamped 只能是 auto、true 或 false");
        };
        long ms = millis(spec, "rosbridge.timeout_ms", 100, false);
        long beat = millis(spec, "rosbridge.heartbeat_ms", 50, true);
        long odomMs = millis(spec, "rosbridge.odom_timeout_ms", 1, true);
        long probeMs = millis(spec, "rosbridge.probe_ms", 100, false);
        long pollMs = millis(spec, "rosbridge.subscribers_poll_ms", 100, true);
        long periodMs = millis(spec, "rosbridge.odom_period_ms", 10, false);
        return new RosbridgeSettings(spec.endpoint().orElse(DEFAULT_URL), version, stamped,
                Duration.ofMillis(ms), Duration.ofMillis(beat), Duration.ofMillis(odomMs), Duration.ofMillis(probeMs),
                Duration.ofMillis(pollMs), Duration.ofMillis(periodMs),
                topic(spec.cmdVelTopic()), topic(spec.odomTopic()), topic(spec.sayTopic()));
    }

    /** Opens the client these settings describe. */
    RosbridgeClient open() throws java.io.IOException {
        return RosbridgeClient.connect(url, timeout, heartbeat);
    }

    /** The dialect, once known ({@link #resolve}). */
    RosJson.Dialect dialect() {
        return rosVersion.orElseThrow(() -> new IllegalStateException("rosbridge dialect not resolved yet"));
    }

    boolean isStamped() {
        return stamped.orElse(false);
    }

    String cmdVelType() {
        return isStamped() ? dialect().twistStamped : dialect().twist;
    }

    /**
     * Fills in what the options left to {@code auto}, once per connection: the server's ROS version
     * ({@link DialectProbe}) and whether the command topic wants TwistStamped (rosapi's
     * {@code /rosapi/topic_type}; unknown topic, no rosapi or a failure: plain Twist).
     */
    RosbridgeSettings resolve(RosbridgeClient client) {
        RosbridgeSettings s = this;
        if (rosVersion.isEmpty()) {
            DialectProbe.Result r = DialectProbe.detect(client, probe);
            log.info("rosbridge {}: server speaks ROS {} ({}); set rosbridge.ros_version to choose", url,
                    r.dialect() == RosJson.Dialect.ROS1 ? 1 : 2, r.how());
            s = new RosbridgeSettings(url, Optional.of(r.dialect()), stamped, timeout, heartbeat, odomTimeout, probe,
                    subscribersPoll, odomPeriod, cmdVelTopic, odomTopic, sayTopic);
        }
        if (s.stamped.isPresent()) {
            return s;
        }
        boolean st = false;
        try {
            String type = client.callService("/rosapi/topic_type", Messages.mapper().createObjectNode().put("topic", cmdVelTopic))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).path("type").asText("");
            st = type.endsWith("/TwistStamped");
            log.info("rosbridge {}: {} is '{}', sending {}", url, cmdVelTopic, type, st ? "TwistStamped" : "Twist");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.info("rosbridge {}: cannot ask rosapi for the type of {} ({}); sending Twist (set rosbridge.cmd_vel_stamped to choose)",
                    url, cmdVelTopic, e.getMessage());
        }
        return new RosbridgeSettings(url, s.rosVersion, Optional.of(st), timeout, heartbeat, odomTimeout, probe,
                subscribersPoll, odomPeriod, cmdVelTopic, odomTopic, sayTopic);
    }

    private static String opt(ConnectionSpec spec, String key) {
        return spec.option(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(OPTIONS.get(key));
    }

    /** Milliseconds, at least {@code min} ({@code zeroOff}: or 0 = off); the default from {@link #OPTIONS}. */
    private static long millis(ConnectionSpec spec, String key, long min, boolean zeroOff) {
        return spec.millis(key, Long.parseLong(OPTIONS.get(key)), min, zeroOff);
    }

    private static String topic(String t) {
        String s = t.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty topic name");
        }
        return s.startsWith("/") ? s : "/" + s;
    }
}
