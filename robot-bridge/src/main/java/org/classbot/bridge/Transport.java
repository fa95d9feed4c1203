package org.classbot.bridge;

/**
 * One way of reaching robots (a profile: sim, mqtt, ros1, rosbridge). Implementations register
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/org.classbot.bridge.Transport}),
 * so adding a transport touches no other code. The bridges returned here are raw protocol adapters;
 * callers wrap them in the safety governor before anything moves.
 */
public interface Transport {

    /** The profile name used by {@code --profile}. */
    String profile();

    /**
     * Every option ({@link ConnectionSpec#options()} key) this transport reads, with its default
     * ("" where the default is computed, e.g. from the environment). A key no transport lists is an
     * error ({@link Transports#checkOptions}), not silently ignored.
     */
    default java.util.Map<String, String> options() {
        return java.util.Map.of();
    }

    /** Agent side: connects to the robot described by the spec. */
    RobotBridge connect(ConnectionSpec spec);

    /**
     * Robot side ({@code classbot sim}): exposes a local robot (for example the simulator) over this
     * transport so that agents in other processes can drive it. Closing the handle withdraws it.
     */
    default AutoCloseable serve(RobotBridge localRobot, ConnectionSpec spec) {
        throw new UnsupportedOperationException("profile '" + profile() + "' cannot serve a robot");
    }
}
