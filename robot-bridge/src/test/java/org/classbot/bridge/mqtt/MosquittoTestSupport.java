package org.classbot.bridge.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.classbot.bridge.ConnectionSpec;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One real Mosquitto (password file) per test class, fresh robot ids per test, and everything a
 * test opened closed after it. Skips when Mosquitto is not installed.
 */
abstract class MosquittoTestSupport {

    @RegisterExtension
    static final MosquittoBroker mosquitto = new MosquittoBroker();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    /** Closes {@code c} after the test (in reverse order of opening). */
    <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    /** The broker of this test class. */
    static MosquittoProcess broker() {
        return mosquitto.process();
    }

    /** A robot id not used before in this JVM, on this broker. */
    static ConnectionSpec spec(String prefix) {
        return mosquitto.spec(prefix);
    }

    /** A plain Paho client with the broker's credentials: a stranger on the robot's topics. */
    static MqttClient rawClient() throws Exception {
        MqttClient c = new MqttClient(broker().url().toString(), "test-raw-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(MqttRig.USER);
        o.setPassword(MqttRig.PASSWORD.toCharArray());
        c.connect(o);
        return c;
    }

    static boolean eventually(BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + 8000;
        while (System.currentTimeMillis() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return cond.getAsBoolean();
    }
}
