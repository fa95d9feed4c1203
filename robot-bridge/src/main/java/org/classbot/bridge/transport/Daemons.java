package org.classbot.bridge.transport;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Background threads that never keep the JVM alive (control loops, timers, heartbeats). */
public final class Daemons {

    private Daemons() {
    }

    /** A scheduler with one daemon thread called {@code threadName}. */
    public static ScheduledExecutorService scheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
