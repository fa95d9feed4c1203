package org.classbot.bridge.mqtt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.transport.Backoff;
import org.classbot.bridge.transport.Reconnector;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Paho connection shared by the agent-side bridge and the robot-side server: connect with a
 * clear error, reconnect with the shared {@link Backoff} after a lost link, subscribe again, and
 * tell the owner when the link goes up or down. Persistent session (clean session off), so QoS 1
 * messages in flight when the link drops are delivered after it returns.
 */
final class MqttLink implements AutoCloseable {

    /** Receives a message on a subscribed topic (on Paho's callback thread: be quick). */
    @FunctionalInterface
    interface Handler {
        void onMessage(String topic, byte[] payload);
    }

    /** Told when the link goes up (after subscriptions are restored) or down. */
    @FunctionalInterface
    interface LinkListener {
        void onLink(boolean up, Throwable cause);
    }

    /** A last will, published by the broker when this client vanishes. */
    record Will(String topic, byte[] payload, int qos, boolean retained) {
    }

    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final LinkListener listener;
    private final Reconnector reconnector;
    /** Failed reconnect attempts since the link was last up (the reconnect thread's only). */
    private int failedReconnects;
    private final boolean purgeOnClose;
    private volatile boolean up;
    private volatile boolean closed;
    /** The first {@link #connect()} succeeded: losses from now on are the reconnect loop's. */
    private volatile boolean started;
    static final int FIRST_CONNECT_ATTEMPTS = 3;

    private record Subscription(int qos, Handler handler) {
    }

    /** Broker-side session: none, kept across link drops (purged on close), or kept for good. */
    enum Session {
        /** one-shot readers */
        CLEAN,
        /** agents: a random client id, so the session must not outlive the process */
        KEEP_UNTIL_CLOSE,
        /** robots: a stable client id; QoS 1 commands queue while the robot's link is down */
        KEEP
    }

    /**
     * @param session what the broker keeps for this client between connections
     */
    MqttLink(MqttSettings settings, String clientId, Session session, Will will, LinkListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.purgeOnClose = session == Session.KEEP_UNTIL_CLOSE;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new RobotBridgeException("bad MQTT settings for " + settings.url() + ": " + e.getMessage(), e);
        }
        options = new MqttConnectOptions();
        options.setCleanSession(session == Session.CLEAN);
        options.setAutomaticReconnect(false); // our own loop: shared backoff, resubscribe, link events
        options.setKeepAliveInterval(5);
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setMaxInflight(1000);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        settings.user().ifPresent(options::setUserName);
        settings.password().ifPresent(options::setPassword);
        settings.socketFactory().ifPresent(options::setSocketFactory);
        if (will != null) {
            options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                onLost(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                dispatch(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // QoS 1 acknowledgements are tracked by the tokens publish() returns
            }
        });
        Duration max = settings.reconnectMax();
        this.reconnector = new Reconnector("mqtt " + clientId,
                () -> new Backoff(Duration.ofMillis(Math.min(100, max.toMillis())), max, 2.0, 0.2),
                this::reconnectOnce, e -> log.debug("mqtt reconnect to {} failed: {}", settings.url(), e.toString()));
    }

    /**
     * First connection: fails at once with a message a user can act on (wrong password, nothing
     * listening, TLS problem) rather than retrying silently.
     */
    void connect() {
        for (int attempt = 1; ; attempt++) {
            try {
                client.connect(options).waitForCompletion(settings.connectTimeout().toMillis() + 1000);
            } catch (MqttException e) {
                throw explain(e);
            }
            try {
                subscribeAll();
                break;
            } catch (RobotBridgeException e) {
                if (client.isConnected() || attempt >= FIRST_CONNECT_ATTEMPTS) {
                    throw e;
                }
                // Moquette 0.17 marks a connection "connected" only once its CONNACK write has
                // completed; a SUBSCRIBE sent on receipt of the CONNACK can be read before that and
                // is answered by dropping the connection ("SUBSCRIBE received on already closed
                // connection"): the flaky "cannot subscribe ... Connection lost (32109)". The
                // connection was fine, so connect once more.
                log.info("MQTT broker {} dropped the connection during the first subscribe ({}); connecting again",
                        settings.url(), e.getMessage());
            }
        }
        started = true;
        up = true;
        listener.onLink(true, null);
    }

    /** Adds a subscription now (if up) and after every reconnect. */
    void subscribe(String topicFilter, int qos, Handler handler) {
        subscriptions.put(topicFilter, new Subscription(qos, handler));
        if (up) {
            try {
                client.subscribe(topicFilter, qos).waitForCompletion(settings.connectTimeout().toMillis());
            } catch (MqttException e) {
                throw new RobotBridgeException("cannot subscribe to " + topicFilter + " on " + settings.url() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Publishes without waiting for the broker's acknowledgement.
     *
     * @throws RobotBridgeException when the link is down or Paho refuses (too many in flight)
     */
    IMqttDeliveryToken publish(String topic, byte[] payload, int qos, boolean retained) {
        if (!up) {
            throw new RobotBridgeException("MQTT link to " + settings.url() + " is down; reconnecting");
        }
        try {
            return client.publish(topic, payload, qos, retained);
        } catch (MqttException e) {
            throw new RobotBridgeException("MQTT publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    boolean up() {
        return up;
    }

    /** Stops reconnecting at once (safe from a callback thread); {@link #close()} still releases the client. */
    void abandon() {
        closed = true;
        up = false;
    }

    MqttSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closed = true;
        up = false;
        reconnector.close();
        try {
            if (client.isConnected()) {
                if (!subscriptions.isEmpty()) {
                    // stop the broker's stream (odometry) first, so it is not writing to a closing socket
                    client.unsubscribe(subscriptions.keySet().toArray(String[]::new)).waitForCompletion(1000);
                }
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            log.debug("mqtt disconnect: {}", e.toString());
        }
        if (purgeOnClose) {
            purgeSession();
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("mqtt close: {}", e.toString());
        }
    }

    /** A clean connect-disconnect makes the broker drop the session (and anything queued for it). */
    private void purgeSession() {
        MqttConnectOptions clean = new MqttConnectOptions();
        clean.setCleanSession(true);
        clean.setConnectionTimeout(options.getConnectionTimeout());
        clean.setMqttVersion(options.getMqttVersion());
        settings.user().ifPresent(clean::setUserName);
        settings.password().ifPresent(clean::setPassword);
        settings.socketFactory().ifPresent(clean::setSocketFactory);
        try {
            client.connect(clean).waitForCompletion(2000);
            client.disconnect(500).waitForCompletion(1000);
        } catch (MqttException e) {
            log.debug("mqtt session purge: {}", e.toString());
        }
    }

    private void onLost(Throwable cause) {
        if (closed || !started) {
            // before the first connect() returned, that method retries or throws itself
            return;
        }
        up = false;
        log.warn("MQTT link to {} lost ({}); reconnecting", settings.url(), cause == null ? "?" : cause.getMessage());
        try {
            listener.onLink(false, cause);
        } finally {
            reconnector.trigger();
        }
    }

    private void reconnectOnce() throws MqttException {
        if (closed) {
            return;
        }
        try {
            if (!client.isConnected()) {
                client.connect(options).waitForCompletion(connackWaitMs());
            }
            subscribeAll();
        } catch (MqttException | RobotBridgeException e) {
            failedReconnects++;
            reset();
            throw e;
        }
        failedReconnects = 0;
        up = true;
        listener.onLink(true, null);
    }

    /**
     * How long a reconnect attempt waits for the broker's CONNACK: 1 s at first, doubling with each failed attempt up
     * to the connect timeout + 1 s. A broker that is restarting can take a socket and never answer it; waiting the
     * whole timeout for that one kept the link down 6.6 s after a restart the other side got over in 0.45 s.
     */
    private long connackWaitMs() {
        long full = settings.connectTimeout().toMillis() + 1000;
        return Math.min(full, 1000L << Math.min(failedReconnects, 10));
    }

    /**
     * Puts the client back to "disconnected" after a failed attempt. Paho 1.2.5 keeps a connect whose CONNACK never
     * came (a broker that accepted the socket while restarting) "in progress" for good: every later connect fails at
     * once with 32110 "Connect already in progress" and the link would never come back. A forced disconnect ends that
     * attempt (and a half-open connection whose resubscribe failed) without touching the session's stored messages.
     */
    private void reset() {
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            log.debug("mqtt reset after a failed reconnect: {}", e.toString());
        }
    }

    private void subscribeAll() {
        for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
            try {
                client.subscribe(e.getKey(), e.getValue().qos()).waitForCompletion(settings.connectTimeout().toMillis());
            } catch (MqttException ex) {
                throw new RobotBridgeException("cannot subscribe to " + e.getKey() + " on " + settings.url() + ": " + ex.getMessage(), ex);
            }
        }
    }

    private void dispatch(String topic, byte[] payload) {
        Subscription exact = subscriptions.get(topic);
        try {
            if (exact != null) {
                exact.handler().onMessage(topic, payload);
                return;
            }
            for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
                if (matches(e.getKey(), topic)) {
                    e.getValue().handler().onMessage(topic, payload);
                }
            }
        } catch (RuntimeException ex) {
            // never let a handler kill Paho's callback thread (that would drop the connection)
            log.warn("handling MQTT message on {} failed", topic, ex);
        }
    }

    /** MQTT topic filter matching with '+' and '#'. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    private RobotBridgeException explain(MqttException e) {
        String where = settings.url().toString();
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return new RobotBridgeException("TLS to the MQTT broker " + where + " failed (" + rootMessage(e)
                        + "); set robot.mqtt.ca_file to the broker's CA certificate (PEM)", e);
            }
        }
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    new RobotBridgeException("MQTT broker " + where + " refused the login"
                            + settings.user().map(u -> " of user '" + u + "'").orElse(" (no user name given)")
                            + ": wrong user name or password; set " + MqttSettings.ENV_USER + " and "
                            + MqttSettings.ENV_PASSWORD, e);
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR, MqttException.REASON_CODE_CLIENT_TIMEOUT ->
                    new RobotBridgeException("cannot reach the MQTT broker at " + where + " (" + rootMessage(e)
                            + "); start the broker or fix --mqtt-url", e);
            case MqttException.REASON_CODE_SSL_CONFIG_ERROR ->
                    new RobotBridgeException("TLS to the MQTT broker " + where + " failed (" + rootMessage(e)
                            + "); check robot.mqtt.ca_file", e);
            default -> new RobotBridgeException("MQTT connection to " + where + " failed: " + rootMessage(e), e);
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.toString() : r.getMessage();
    }
}
