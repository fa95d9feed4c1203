package org.classbot.bridge.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of one bridge ({@code RobotBridge.subscribe}): add with a handle that removes,
 * and deliver a state to each, so that a failing listener is logged and never stops the others or
 * the transport's thread. Shared by every bridge and the governor.
 */
public final class StateListeners {

    private static final Logger log = LoggerFactory.getLogger(StateListeners.class);

    private final List<RobotStateListener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the handle removes it. */
    public AutoCloseable add(RobotStateListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Delivers the state to every listener on the caller's thread. */
    public void publish(RobotState state) {
        for (RobotStateListener l : listeners) {
            try {
                l.onState(state);
            } catch (RuntimeException e) {
                log.warn("robot state listener failed", e);
            }
        }
    }
}
