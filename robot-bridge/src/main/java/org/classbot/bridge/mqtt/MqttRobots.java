package org.classbot.bridge.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.transport.MessageException;

/**
 * Who is on the broker: reads every robot's retained {@code classbot/+/status}. Read-only (it sends
 * no command), so it needs no governor.
 */
public final class MqttRobots {

    private MqttRobots() {
    }

    /**
     * Robots with a retained status on the spec's broker, online or not, sorted by id. Without an
     * MQTT URL it looks at the embedded broker's port and returns nothing when no broker runs there.
     */
    public static List<RobotStatus> list(ConnectionSpec spec, Duration wait) {
        return list(spec, wait, System::getenv);
    }

    static List<RobotStatus> list(ConnectionSpec spec, Duration wait, Function<String, String> env) {
        if (spec.endpoint().isEmpty() && !EmbeddedBroker.listening(MqttTransport.embeddedPort(spec))) {
            return List.of();
        }
        Map<String, RobotStatus> seen = new ConcurrentSkipListMap<>();
        MqttSettings settings = MqttSettings.of(MqttTransport.brokerUrl(spec), spec, env);
        try (MqttLink link = new MqttLink(settings, "classbot-status-" + UUID.randomUUID().toString().substring(0, 8),
                MqttLink.Session.CLEAN, null, (up, cause) -> { })) {
            link.subscribe(MqttTopics.ALL_STATUS, 1, (topic, payload) -> {
                String robot = MqttTopics.robotOf(topic);
                if (robot != null) {
                    try {
                        seen.put(robot, RobotStatus.parse(robot, payload));
                    } catch (MessageException e) {
                        // a foreign or broken status: not a ClassBot robot we can describe
                    }
                }
            });
            link.connect();
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new ArrayList<>(seen.values());
    }
}
