package org.classbot.bridge.mqtt;

import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;
import org.classbot.bridge.transport.StateListeners;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent side of the MQTT transport: publishes {@code cmd_vel} (QoS 1), {@code estop}, {@code say};
 * reads {@code odom} and the retained {@code status}. Connected means the broker link is up and the
 * robot's status says online. Package-private: applications get it governed from RobotBridges.
 */
final class MqttBridge implements RobotBridge {

    private static final Logger log = LoggerFactory.getLogger(MqttBridge.class);

    private final MqttTopics topics;
    private final MqttLink link;
    private final StateListeners listeners = new StateListeners();
    private volatile RobotState state = RobotState.disconnected();
    private volatile boolean robotOnline;
    private volatile boolean robotEstopped;
    private volatile OptionalDouble battery = OptionalDouble.empty();
    private volatile boolean closed;

    MqttBridge(MqttSettings settings, String robot) {
        this.topics = new MqttTopics(robot);
        this.link = new MqttLink(settings, "classbot-agent-" + robot + "-" + UUID.randomUUID().toString().substring(0, 8),
                MqttLink.Session.KEEP_UNTIL_CLOSE, null, (up, cause) -> refresh());
        link.subscribe(topics.odom(), 0, (t, p) -> onOdom(p));
        link.subscribe(topics.status(), 1, (t, p) -> onStatus(p));
        link.connect();
    }

    MqttTopics topics() {
        return topics;
    }

    @Override
    public void send(Twist twist) {
        publishCommand(twist);
    }

    /** Publishes one command (QoS 1) and returns its delivery token (completes on the broker's PUBACK). */
    IMqttDeliveryToken publishCommand(Twist twist) {
        if (closed) {
            throw new IllegalStateException("MQTT bridge for " + topics.robot() + " is closed");
        }
        return link.publish(topics.cmdVel(), Messages.bytes(Messages.command(twist, System.currentTimeMillis())), 1, false);
    }

    @Override
    public void stop() {
        if (link.up() && !closed) {
            publishCommand(Twist.ZERO);
        }
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

    @Override
    public RobotState state() {
        return state;
    }

    @Override
    public AutoCloseable subscribe(RobotStateListener listener) {
        return listeners.add(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        link.close();
        refresh();
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
            RobotState s = new RobotState(o.pose(), o.velocity(), battery, connected(), robotEstopped, o.ts());
            state = s;
            listeners.publish(s);
        } catch (MessageException e) {
            log.warn("ignoring bad odometry on {}: {}", topics.odom(), e.getMessage());
        }
    }

    private void onStatus(byte[] payload) {
        try {
            RobotStatus st = RobotStatus.parse(topics.robot(), payload);
            robotOnline = st.online();
            robotEstopped = st.estopped();
            battery = st.battery();
        } catch (MessageException e) {
            log.warn("ignoring bad status on {}: {}", topics.status(), e.getMessage());
            return;
        }
        refresh();
    }

    private boolean connected() {
        return !closed && link.up() && robotOnline;
    }

    private void refresh() {
        RobotState old = state;
        RobotState s = new RobotState(old.pose(), connected() ? old.velocity() : Twist.ZERO, battery, connected(),
                robotEstopped, old.timestampMillis());
        state = s;
        listeners.publish(s);
    }
}
