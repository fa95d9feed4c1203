package org.classbot.bridge.mqtt;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.Twist;
import org.classbot.bridge.transport.ChannelBridge;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent side of the MQTT transport: publishes {@code cmd_vel} (QoS 1), {@code estop}, {@code say};
 * reads {@code odom} and the retained {@code status}. Link up is {@link ChannelBridge}'s rule: the
 * broker link is up and the robot's status says online (or, before any status, odometry flows);
 * odometry that pauses beyond {@code mqtt.odom_timeout_ms} (default 1000) means the robot is gone.
 * Package-private: applications get it governed from RobotBridges.
 */
final class MqttBridge extends ChannelBridge {

    private static final Logger log = LoggerFactory.getLogger(MqttBridge.class);

    private final MqttTopics topics;
    private final MqttLink link;
    /** null until the robot's retained status arrives */
    private volatile Boolean robotOnline;

    MqttBridge(MqttSettings settings, String robot) {
        this(settings, robot, Duration.ofSeconds(1));
    }

    MqttBridge(MqttSettings settings, String robot, Duration odomTimeout) {
        super("MQTT robot " + robot + " at " + settings.url(), odomTimeout);
        this.topics = new MqttTopics(robot);
        this.link = new MqttLink(settings, "classbot-agent-" + robot + "-" + UUID.randomUUID().toString().substring(0, 8),
                MqttLink.Session.KEEP_UNTIL_CLOSE, null, (up, cause) -> linkChanged());
        link.subscribe(topics.odom(), 0, (t, p) -> onOdom(p));
        link.subscribe(topics.status(), 1, (t, p) -> onStatus(p));
        link.connect();
    }

    MqttTopics topics() {
        return topics;
    }

    @Override
    protected boolean transportUp() {
        return link.up();
    }

    @Override
    protected Reach robotReach() {
        Boolean online = robotOnline;
        return online == null ? Reach.UNKNOWN : online ? Reach.LISTENING : Reach.GONE;
    }

    @Override
    protected void publish(Twist twist) {
        publishCommand(twist);
    }

    @Override
    protected void closeChannel() {
        link.close();
    }

    /** Publishes one command (QoS 1) and returns its delivery token (completes on the broker's PUBACK). */
    IMqttDeliveryToken publishCommand(Twist twist) {
        if (isClosed()) {
            throw new IllegalStateException("MQTT bridge for " + topics.robot() + " is closed");
        }
        return link.publish(topics.cmdVel(), Messages.bytes(Messages.command(twist, System.currentTimeMillis())), 1, false);
    }

    /** Publishes the e-stop (and a zero command) and waits for the broker to take it. */
    @Override
    public void emergencyStop() {
        publishAndWait(topics.estop(), Messages.mapper().createObjectNode().put("action", "estop")
                .put("ts", System.currentTimeMillis()).put("source", "agent"));
        publishCommand(Twist.ZERO);
    }

    @Override
    public void resetEmergencyStop() {
        publishAndWait(topics.estop(), Messages.mapper().createObjectNode().put("action", "reset")
                .put("ts", System.currentTimeMillis()).put("source", "agent"));
    }

    @Override
    public void say(String text) {
        publishAndWait(topics.say(), Messages.mapper().createObjectNode().put("text", text).put("ts", System.currentTimeMillis()));
    }

    private void publishAndWait(String topic, JsonNode body) {
        IMqttDeliveryToken token = link.publish(topic, Messages.bytes(body), 1, false);
        try {
            token.waitForCompletion(TimeUnit.SECONDS.toMillis(3));
        } catch (MqttException e) {
            throw new RobotBridgeException("the broker did not confirm the message on " + topic + ": " + e.getMessage(), e);
        }
    }

    private void onOdom(byte[] payload) {
        try {
            Messages.Odometry o = Messages.readOdometry(Messages.parse(payload));
            odometry(o.pose(), o.velocity(), o.ts());
        } catch (MessageException e) {
            log.warn("ignoring bad odometry on {}: {}", topics.odom(), e.getMessage());
        }
    }

    private void onStatus(byte[] payload) {
        try {
            RobotStatus st = RobotStatus.parse(topics.robot(), payload);
            robotOnline = st.online();
            robotStatus(st.battery(), st.estopped());
        } catch (MessageException e) {
            log.warn("ignoring bad status on {}: {}", topics.status(), e.getMessage());
        }
    }
}
