package org.classbot.bridge.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.classbot.bridge.ConnectionSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Mosquitto (password file, {@link MqttRig}'s credentials) per test class: register it as
 * a static {@code @RegisterExtension} field. Skips the class when Mosquitto is not installed.
 */
final class MosquittoBroker implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger ROBOTS = new AtomicInteger();

    private MosquittoProcess process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian mosquitto is not installed (/usr/sbin/mosquitto); skipping");
        process = MosquittoProcess.start(MqttRig.USER, MqttRig.PASSWORD);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** The running broker (restart it, stop it, ask its URL). */
    MosquittoProcess process() {
        return process;
    }

    /** A robot id not used before in this JVM, on this broker. */
    ConnectionSpec spec(String prefix) {
        return MqttRig.spec(process.url(), prefix + ROBOTS.incrementAndGet());
    }
}
