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

    public ConnectionOptions() {
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
