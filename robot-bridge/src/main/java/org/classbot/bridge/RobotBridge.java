package org.classbot.bridge;

/**
 * One robot, reached over one transport (simulator, MQTT, ROS 1, rosbridge).
 * Implementations are protocol only; safety policy lives in the governor that wraps every bridge.
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

    @Override
    void close();
}
