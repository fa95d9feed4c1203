package org.classbot.bridge.rosbridge;

import java.net.URI;
import java.time.Duration;

import org.classbot.bridge.ConnectionSpec;

/**
 * The rosbridge profile's settings from a connection spec: the URL ({@code --rosbridge-url}, default
 * {@code ws://127.0.0.1:9090}) and the options {@code rosbridge.ros_version} (2 or 1, default 2),
 * {@code rosbridge.cmd_vel_stamped} (true: geometry_msgs/TwistStamped, as TurtleBot3 on Jazzy
 * expects; default false) and {@code rosbridge.timeout_ms} (default 3000).
 */
record RosbridgeSettings(URI url, RosJson.Dialect dialect, boolean stamped, Duration timeout,
                         String cmdVelTopic, String odomTopic, String sayTopic) {

    static final URI DEFAULT_URL = URI.create("ws://127.0.0.1:9090");

    static RosbridgeSettings from(ConnectionSpec spec) {
        RosJson.Dialect d = RosJson.Dialect.parse(spec.option("rosbridge.ros_version").orElse("2"));
        String stamped = spec.option("rosbridge.cmd_vel_stamped").orElse("false").trim();
        if (!stamped.equals("true") && !stamped.equals("false")) {
            throw new IllegalArgumentException("rosbridge.cmd_vel_stamped must be true or false, got '" + stamped + "'");
        }
        long ms;
        try {
            ms = Long.parseLong(spec.option("rosbridge.timeout_ms").orElse("3000").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rosbridge.timeout_ms must be a number of milliseconds", e);
        }
        if (ms < 100) {
            throw new IllegalArgumentException("rosbridge.timeout_ms must be at least 100, got " + ms);
        }
        return new RosbridgeSettings(spec.rosbridgeUrl().orElse(DEFAULT_URL), d, Boolean.parseBoolean(stamped),
                Duration.ofMillis(ms), topic(spec.cmdVelTopic()), topic(spec.odomTopic()), topic(spec.sayTopic()));
    }

    String cmdVelType() {
        return stamped ? dialect.twistStamped : dialect.twist;
    }

    private static String topic(String t) {
        String s = t.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty topic name");
        }
        return s.startsWith("/") ? s : "/" + s;
    }
}
