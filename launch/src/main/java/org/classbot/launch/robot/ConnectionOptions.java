package org.classbot.launch.robot;

import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * The connection flags of DESIGN.md, as a picocli mixin ({@code @Mixin ConnectionOptions conn;}).
 * A flag left out falls back to the configuration ({@code robot.*}).
 */
public final class ConnectionOptions {

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "sim | mqtt | ros1 | rosbridge (default: robot.profile, 'sim'). 连接方式。")
    String profile;

    @Option(names = "--robot", paramLabel = "ID", description = "robot id (default: robot.id, 'classbot1'). 机器人编号。")
    String robot;

    @Option(names = "--mqtt-url", paramLabel = "URL",
            description = "MQTT broker tcp://HOST:PORT or ssl://HOST:PORT (default: robot.mqtt.url, else the embedded broker on 127.0.0.1)."
                    + " User/password from env CLASSBOT_MQTT_USER / CLASSBOT_MQTT_PASSWORD.")
    String mqttUrl;

    @Option(names = "--ros-master", paramLabel = "URL", description = "ROS 1 master http://HOST:PORT (default: robot.ros.master).")
    String rosMaster;

    @Option(names = "--rosbridge-url", paramLabel = "URL", description = "rosbridge server ws://HOST:PORT (default: robot.rosbridge.url).")
    String rosbridgeUrl;

    @Option(names = "--rosbridge-ros-version", paramLabel = "auto|1|2",
            description = "the rosbridge server's ROS (default: robot.options.rosbridge.ros_version, 'auto': detected on connect)."
                    + " rosbridge 服务器的 ROS 版本。")
    String rosbridgeRosVersion;

    @Option(names = "--robot-option", paramLabel = "KEY=VALUE",
            description = "a transport option for this command, e.g. rosbridge.cmd_vel_stamped=true (see robot.options in"
                    + " classbot-defaults.yaml; repeatable). 传输选项。")
    java.util.List<String> robotOptions;

    public ConnectionOptions() {
    }

    /**
     * The transport options the flags set ({@code --robot-option}, {@code --rosbridge-ros-version}),
     * over those of the configuration.
     *
     * @throws IllegalArgumentException for a {@code --robot-option} without {@code KEY=VALUE}
     */
    public java.util.Map<String, String> options() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        if (robotOptions != null) {
            for (String kv : robotOptions) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--robot-option '" + kv + "' must be KEY=VALUE, e.g. rosbridge.ros_version=1"
                            + " / --robot-option 应写成 KEY=VALUE");
                }
                m.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
        }
        if (rosbridgeRosVersion != null && !rosbridgeRosVersion.isBlank()) {
            m.put("rosbridge.ros_version", rosbridgeRosVersion.strip());
        }
        return m;
    }

    /** For code that builds the flags itself (tests, the agent's own wiring). */
    public ConnectionOptions(String profile, String robot, String mqttUrl, String rosMaster, String rosbridgeUrl) {
        this.profile = profile;
        this.robot = robot;
        this.mqttUrl = mqttUrl;
        this.rosMaster = rosMaster;
        this.rosbridgeUrl = rosbridgeUrl;
    }

    public Optional<String> profile() {
        return Optional.ofNullable(profile).filter(s -> !s.isBlank());
    }

    public Optional<String> robot() {
        return Optional.ofNullable(robot).filter(s -> !s.isBlank());
    }

    public Optional<String> mqttUrl() {
        return Optional.ofNullable(mqttUrl).filter(s -> !s.isBlank());
    }

    public Optional<String> rosMaster() {
        return Optional.ofNullable(rosMaster).filter(s -> !s.isBlank());
    }

    public Optional<String> rosbridgeUrl() {
        return Optional.ofNullable(rosbridgeUrl).filter(s -> !s.isBlank());
    }
}
