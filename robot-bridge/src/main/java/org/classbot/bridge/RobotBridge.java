package org.classbot.bridge;

/**
 * One robot, reached over one transport (simulator, MQTT, ROS 1, rosbridge).
 * Implementations are protocol only; safety policy lives in the governor
 * ({@code org.classbot.bridge.safety.SafetyGovernor}) that wraps every bridge an application gets.
 *
 * <p>The optional capabilities are default methods: a transport that can carry them overrides them.
 */
public interface RobotBridge extends AutoCloseable {

    /** Sends a velocity command. */
    void send(Twist twist);

    /** Commands zero velocity now. */
    void stop();

    /** The latest known state. */
    RobotState state();

    /** Registers a listener for state updates; returns a handle that removes it. */
    AutoCloseable subscribe(RobotStateListener listener);

    /**
     * Asks the robot itself to latch its emergency stop, where the transport can carry that (MQTT
     * {@code estop} topic). The default only commands zero velocity.
     */
    default void emergencyStop() {
        stop();
    }

    /** Asks the robot to clear its latched emergency stop, where the transport can carry that. */
    default void resetEmergencyStop() {
    }

    /** Says a sentence on the robot (speech topic), where the transport has one. */
    default void say(String text) {
        throw new UnsupportedOperationException("this robot bridge has no speech output");
    }

    /**
     * What the transport knows is wrong with the link beyond "down", as one bilingual line a
     * teacher can act on (what the server said, which setting fixes it), e.g. a rosbridge server's
     * error for our own advertise, or odometry that stopped. Empty when nothing is known.
     */
    default java.util.Optional<String> problem() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
