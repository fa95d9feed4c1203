package org.classbot.bridge;

/**
 * A robot (the simulator) whose odometry can be frozen from a test while everything else keeps
 * running, as a robot whose driver hung: while stalled no state update is delivered and
 * {@link #state()} keeps answering the last state from before the stall (its old timestamp), so the
 * robot side's odometry heartbeat stops too.
 */
public final class StallableRobot extends ForwardingRobot {

    private volatile RobotState frozen;

    public StallableRobot(RobotBridge robot) {
        super(robot);
    }

    public void stall() {
        frozen = robot.state();
    }

    public void resume() {
        frozen = null;
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
}
