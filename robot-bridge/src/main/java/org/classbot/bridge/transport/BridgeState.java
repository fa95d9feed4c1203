package org.classbot.bridge.transport;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;

/**
 * The state a bridge reports when it learns its robot from odometry and a link check (the ROS
 * transports): the newest odometry, {@code connected} as the bridge's check says now, and the
 * bridge's subscribers ({@link StateListeners}). Changes are made one at a time and delivered on
 * the caller's thread, outside the lock.
 */
public final class BridgeState {

    private final BooleanSupplier connectedNow;
    private final StateListeners listeners = new StateListeners();
    private final Object lock = new Object();
    private volatile RobotState state = RobotState.disconnected();

    /** @param connectedNow the bridge's link check, asked under this state's lock */
    public BridgeState(BooleanSupplier connectedNow) {
        this.connectedNow = Objects.requireNonNull(connectedNow);
    }

    public RobotState get() {
        return state;
    }

    /** Adds a subscriber; closing the handle removes it. */
    public AutoCloseable subscribe(RobotStateListener listener) {
        return listeners.add(listener);
    }

    /** A fresh odometry reading (no battery, no e-stop), stamped now, delivered to every subscriber. */
    public void odometry(Pose pose, Twist velocity) {
        RobotState s;
        synchronized (lock) {
            s = new RobotState(pose, velocity, OptionalDouble.empty(), connectedNow.getAsBoolean(), false,
                    System.currentTimeMillis());
            state = s;
        }
        listeners.publish(s);
    }

    /**
     * Asks the link check again; when {@code connected} changed, stores and delivers the new state.
     *
     * @return the new state, empty when nothing changed
     */
    public Optional<RobotState> refreshConnected() {
        RobotState s;
        synchronized (lock) {
            boolean c = connectedNow.getAsBoolean();
            if (state.connected() == c) {
                return Optional.empty();
            }
            s = state.withConnected(c);
            state = s;
        }
        listeners.publish(s);
        return Optional.of(s);
    }
}
