package org.classbot.bridge;

import java.util.Optional;

/**
 * A robot (the simulator) whose odometry can be frozen from a test while everything else keeps
 * running, as a robot whose driver hung: while stalled no state update is delivered and
 * {@link #state()} keeps answering the last state from before the stall (its old timestamp), so the
 * robot side's odometry heartbeat stops too.
 */
public final class StallableRobot implements RobotBridge {

    private final RobotBridge robot;
    private volatile RobotState frozen;

    public StallableRobot(RobotBridge robot) {
        this.robot = robot;
    }

    public void stall() {
        frozen = robot.state();
    }

    public void resume() {
        frozen = null;
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
        RobotState f = frozen;
        return f != null ? f : robot.state();
    }

    @Override
    public AutoCloseable subscribe(RobotStateListener listener) {
        return robot.subscribe(s -> {
            if (frozen == null) {
                listener.onState(s);
            }
        });
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
