package org.classbot.bridge.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Twist;
import org.classbot.bridge.transport.MessageException;
import org.classbot.bridge.transport.Messages;
import org.classbot.bridge.transport.OdometryPump;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Robot side of the MQTT transport ({@code classbot sim --profile mqtt}): takes {@code cmd_vel},
 * {@code estop} and {@code say} for one robot id, hands them to the local (governed) robot, and
 * publishes {@code odom} (through the shared {@code OdometryPump}: at most {@code odom_hz}, and at
 * rest at that rate too) and the retained {@code status} (last will: offline). Malformed, NaN or
 * absurd commands are rejected and logged, the robot is stopped when the broker link drops.
 */
final class MqttRobotServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttRobotServer.class);

    private final RobotBridge robot;
    private final String robotId;
    private final MqttTopics topics;
    private final MqttLink link;
    private final AutoCloseable stateSubscription;
    private final long odomPeriodMillis;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final OdometryPump odometry;
    private volatile long lastStatusAt;
    private volatile boolean lastEstopped;
    private volatile boolean closed;
    /** This process's claim on the robot id (in its status), so that a second claimant is noticed. */
    private final String instance = java.util.UUID.randomUUID().toString().substring(0, 8);
    /** Another live process's online status for our robot id was seen since we connected. */
    private volatile String otherInstance;
    private volatile boolean takenOver;
    private long lastLossWithOther = Long.MIN_VALUE / 2;
    /** Two losses within this time, with another claimant seen, make a take-over fight. */
    static final long TAKEOVER_WINDOW_MS = 10_000;

    MqttRobotServer(RobotBridge robot, MqttSettings settings, String robotId, double odomHz) {
        if (!(odomHz >= 1 && odomHz <= 50)) {
            throw new IllegalArgumentException("odometry rate must be 1..50 Hz, got " + odomHz);
        }
        this.robot = robot;
        this.robotId = robotId;
        this.topics = new MqttTopics(robotId);
        this.odomPeriodMillis = Math.round(1000 / odomHz);
        RobotStatus will = new RobotStatus(robotId, false, false, java.util.OptionalDouble.empty(), System.currentTimeMillis());
        this.link = new MqttLink(settings, "classbot-robot-" + robotId, MqttLink.Session.KEEP,
                new MqttLink.Will(topics.status(), Messages.bytes(will.toJson()), 1, true), this::onLink);
        link.subscribe(topics.cmdVel(), 1, (t, p) -> onCommand(p));
        link.subscribe(topics.estop(), 1, (t, p) -> onEstop(p));
        link.subscribe(topics.say(), 1, (t, p) -> onSay(p));
        link.subscribe(topics.status(), 1, (t, p) -> onStatus(p));
        this.stateSubscription = robot.subscribe(this::onState);
        Duration period = Duration.ofMillis(odomPeriodMillis);
        this.odometry = new OdometryPump("mqtt " + robotId, robot, period, period, this::publishOdometry);
        try {
            link.connect();
        } catch (RobotBridgeException e) {
            odometry.close();
            if (otherInstance != null) {
                // kicked off mid-subscribe by the other claimant's reconnect: say so, not "connection lost"
                link.close();
                throw new RobotBridgeException(takeoverLine(settings.url()), e);
            }
            throw e;
        }
    }

    long acceptedCommands() {
        return accepted.get();
    }

    long rejectedCommands() {
        return rejected.get();
    }

    boolean linkUp() {
        return link.up();
    }

    /** True once another process serving the same robot id took this one off the broker. */
    boolean takenOver() {
        return takenOver;
    }

    /**
     * A take-over fight repeats: each reconnect of one side kicks the other. One loss after seeing
     * another claimant can be a broker restart with a stale retained status; two within
     * {@link #TAKEOVER_WINDOW_MS} are a fight.
     */
    private synchronized boolean secondLossWithOther() {
        long now = System.currentTimeMillis();
        boolean fight = now - lastLossWithOther <= TAKEOVER_WINDOW_MS;
        lastLossWithOther = now;
        return fight;
    }

    private void onLink(boolean up, Throwable cause) {
        if (up) {
            publishStatus(true);
        } else if (otherInstance != null && !closed && secondLossWithOther()) {
            // MQTT 3.1.1 has no reason code for a session take-over: the broker just closes the
            // older connection with the same client id. Another process's online status for our
            // robot id, then losing our connection twice, is that take-over; reconnecting would only
            // kick the other process off in turn, every backoff interval, so this side gives way.
            takenOver = true;
            link.abandon();
            robot.stop();
            log.error(takeoverLine(link.settings().url()));
            Thread t = new Thread(this::close, "mqtt-robot-" + robotId + "-yield");
            t.setDaemon(true);
            t.start();
        } else {
            // blind now: nobody can command or stop us over MQTT
            robot.stop();
            log.warn("robot {}: broker link lost, robot stopped", robotId);
        }
    }

    private void onCommand(byte[] payload) {
        Twist t;
        try {
            t = Messages.readTwist(Messages.parse(payload));
        } catch (MessageException e) {
            reject(e.getMessage(), payload);
            return;
        }
        try {
            robot.send(t);
            accepted.incrementAndGet();
        } catch (IllegalArgumentException e) {
            // the robot's governor refused it (NaN, out of range, e-stop latched): say why
            reject(e.getMessage(), payload);
        } catch (RuntimeException e) {
            rejected.incrementAndGet();
            log.warn("robot {}: command not applied: {}", robotId, e.getMessage());
        }
    }

    private void reject(String why, byte[] payload) {
        long n = rejected.incrementAndGet();
        // a flood of bad payloads (a broken or hostile client) must not flood the log: at most
        // REJECTS_LOGGED_PER_SECOND lines a second, the next line saying how many were left out
        long suppressed;
        synchronized (rejectLog) {
            long now = System.nanoTime();
            if (now - rejectLog[0] >= 1_000_000_000L) {
                rejectLog[0] = now;
                rejectLog[1] = 0;
            }
            if (rejectLog[1] >= REJECTS_LOGGED_PER_SECOND) {
                rejectLog[2]++;
                return;
            }
            rejectLog[1]++;
            suppressed = rejectLog[2];
            rejectLog[2] = 0;
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        log.warn("robot {}: rejected command on {}: {} (payload: {}){}", robotId, topics.cmdVel(), why,
                text.length() > 200 ? text.substring(0, 200) + "..." : text,
                suppressed > 0 ? " — " + suppressed + " more rejected and not logged; " + n + " rejected in all" : "");
    }

    private static final int REJECTS_LOGGED_PER_SECOND = 10;
    /** {window start ns, lines logged in it, rejections not logged since the last line}. */
    private final long[] rejectLog = new long[3];

    /** Anything on the e-stop topic latches the e-stop, except an explicit {"action":"reset"}. */
    private void onEstop(byte[] payload) {
        String action;
        try {
            JsonNode n = Messages.parse(payload);
            action = n.isTextual() ? n.asText() : n.path("action").asText("estop");
        } catch (MessageException e) {
            action = new String(payload, StandardCharsets.UTF_8).strip();
        }
        if (action.equalsIgnoreCase("reset")) {
            log.info("robot {}: e-stop reset from {}", robotId, topics.estop());
            robot.resetEmergencyStop();
        } else {
            log.warn("robot {}: e-stop from {}", robotId, topics.estop());
            robot.emergencyStop();
        }
        publishStatus(true);
    }

    private String takeoverLine(Object url) {
        return "robot " + robotId + ": another ClassBot process serving the same robot id took over on " + url
                + "; this one stops. Give each robot its own id (--robot / robot.id) / 另一个使用相同机器人编号（"
                + robotId + "）的 ClassBot 进程接管了 " + url + " 上的连接，本进程停止服务；请为每台机器人使用不同的编号（--robot / robot.id）";
    }

    /** Our own status topic: notices another live process that serves the same robot id. */
    private void onStatus(byte[] payload) {
        try {
            JsonNode n = Messages.parse(payload);
            String other = n.path("instance").asText("");
            if (!other.isEmpty() && !other.equals(instance) && "online".equals(n.path("state").asText(""))) {
                otherInstance = other;
                log.warn("robot {}: another process (instance {}) reports itself online under the same robot id",
                        robotId, other);
            }
        } catch (MessageException e) {
            log.debug("robot {}: unreadable status: {}", robotId, e.getMessage());
        }
    }

    private void onSay(byte[] payload) {
        String text;
        try {
            JsonNode n = Messages.parse(payload);
            text = n.isTextual() ? n.asText() : n.path("text").asText("");
        } catch (MessageException e) {
            text = new String(payload, StandardCharsets.UTF_8);
        }
        if (!text.isBlank()) {
            try {
                robot.say(text);
            } catch (UnsupportedOperationException e) {
                log.info("robot {} cannot speak: {}", robotId, text);
            }
        }
    }

    private void onState(RobotState s) {
        if (closed || !link.up()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (s.estopped() != lastEstopped || now - lastStatusAt > 5000) {
            publishStatus(true);
        }
    }

    /** The shared robot-side odometry (each update at most every period, a heartbeat at rest). */
    private void publishOdometry(RobotState s) {
        if (closed || !link.up()) {
            return;
        }
        link.publish(topics.odom(), Messages.bytes(Messages.odometry(
                new Messages.Odometry(s.pose(), s.velocity(), s.timestampMillis()))), 0, false);
    }

    private void publishStatus(boolean online) {
        RobotState s = robot.state();
        lastEstopped = s.estopped();
        lastStatusAt = System.currentTimeMillis();
        RobotStatus st = new RobotStatus(robotId, online, s.estopped(), s.battery(), lastStatusAt);
        try {
            link.publish(topics.status(), Messages.bytes(st.toJson().put("instance", instance)), 1, true);
        } catch (RobotBridgeException e) {
            log.debug("status not published: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        odometry.close();
        try {
            stateSubscription.close();
        } catch (Exception e) {
            log.debug("unsubscribe", e);
        }
        robot.stop();
        if (link.up() && !takenOver) {
            try {
                RobotStatus st = new RobotStatus(robotId, false, robot.state().estopped(), robot.state().battery(), System.currentTimeMillis());
                link.publish(topics.status(), Messages.bytes(st.toJson()), 1, true).waitForCompletion(2000);
            } catch (Exception e) {
                log.debug("offline status not published: {}", e.toString());
            }
        }
        link.close();
    }
}
