package org.classbot.bridge.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.Transport;

/**
 * The {@code mqtt} profile. Broker: {@code --mqtt-url} (tcp:// or ssl://), or, when none is given,
 * the embedded Moquette broker on 127.0.0.1 (port option {@code mqtt.embedded_port}, default 1883),
 * started by whichever ClassBot process needs it first. Options: {@code mqtt.ca_file},
 * {@code mqtt.reconnect_max_ms}, {@code mqtt.connect_timeout_ms}, {@code mqtt.odom_hz} (robot side,
 * default 25), {@code mqtt.online_wait_ms} (agent side: how long to wait for the robot's retained
 * status, default 1500), {@code mqtt.odom_timeout_ms} (agent side: longest odometry pause before the
 * robot counts as gone, default 1000; 0 = not watched). Credentials: env {@code CLASSBOT_MQTT_USER} / {@code CLASSBOT_MQTT_PASSWORD}.
 */
public final class MqttTransport implements Transport {

    public static final String PROFILE = "mqtt";
    public static final int DEFAULT_PORT = 1883;

    private final Function<String, String> env;

    public MqttTransport() {
        this(System::getenv);
    }

    /** With another environment (tests pass credentials this way; the process env stays untouched). */
    MqttTransport(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String profile() {
        return PROFILE;
    }

    @Override
    public java.util.Map<String, String> options() {
        return java.util.Map.of("mqtt.embedded_port", Integer.toString(DEFAULT_PORT), "mqtt.ca_file", "",
                "mqtt.reconnect_max_ms", "2000", "mqtt.connect_timeout_ms", "5000", "mqtt.odom_hz", "25",
                "mqtt.online_wait_ms", "1500", "mqtt.odom_timeout_ms", "1000");
    }

    @Override
    public RobotBridge connect(ConnectionSpec spec) {
        MqttBridge bridge = new MqttBridge(settings(spec), spec.robotId(),
                Duration.ofMillis(spec.millis("mqtt.odom_timeout_ms", 1000, 1, false)));
        long wait = spec.millis("mqtt.online_wait_ms", 1500, 0, false);
        long end = System.currentTimeMillis() + wait;
        while (!bridge.state().connected() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return bridge;
    }

    @Override
    public AutoCloseable serve(RobotBridge localRobot, ConnectionSpec spec) {
        double hz = spec.option("mqtt.odom_hz").map(Double::parseDouble).orElse(25.0);
        return new MqttRobotServer(localRobot, settings(spec), spec.robotId(), hz);
    }

    MqttSettings settings(ConnectionSpec spec) {
        return MqttSettings.of(brokerUrl(spec), spec, env);
    }

    static URI brokerUrl(ConnectionSpec spec) {
        return spec.endpoint().orElseGet(() -> EmbeddedBroker.ensure(embeddedPort(spec)));
    }

    static int embeddedPort(ConnectionSpec spec) {
        return spec.option("mqtt.embedded_port").map(Integer::parseInt).orElse(DEFAULT_PORT);
    }
}
