package org.classbot.bridge;

import java.util.Optional;

/**
 * A test decorator's base: passes every {@link RobotBridge} call to the wrapped robot, so that a
 * decorator ({@link StallableRobot}, MQTT's recording robot side) overrides only what it changes.
 */
public abstract class ForwardingRobot implements RobotBridge {

    protected final RobotBridge robot;

    protected ForwardingRobot(RobotBridge robot) {
        this.robot = robot;
    }

    @Override
    public void send(Twist twist) {
        robot.send(twist);
    }

    @Override
    public void stop() {
        robot.stop();
    }

    @Override
    public RobotState state() {
        return robot.state();
    }

    @Override
    public AutoCloseable subscribe(RobotStateListener listener) {
        return robot.subscribe(listener);
    }

    @Override
    public void emergencyStop() {
        robot.emergencyStop();
    }

    @Override
    public void resetEmergencyStop() {
        robot.resetEmergencyStop();
    }

    @Override
    public void say(String text) {
        robot.say(text);
    }

    @Override
    public Optional<String> problem() {
        return robot.problem();
    }

    @Override
    public void close() {
        robot.close();
    }
}
