package org.classbot.bridge;

import java.util.OptionalDouble;

/**
 * What a bridge knows about its robot at one instant.
 *
 * @param pose      pose in the map frame (from odometry)
 * @param velocity  measured velocity (v, w), not the commanded one
 * @param battery   state of charge 0..1 where the robot reports it
 * @param connected whether the transport to the robot is up
 * @param estopped  whether the latched emergency stop is active
 * @param timestampMillis wall-clock time of the newest odometry, epoch millis (0 when none yet)
 */
public record RobotState(Pose pose, Twist velocity, OptionalDouble battery, boolean connected,
                         boolean estopped, long timestampMillis) {

    public static RobotState disconnected() {
        return new RobotState(Pose.ORIGIN, Twist.ZERO, OptionalDouble.empty(), false, false, 0L);
    }

    public RobotState withConnected(boolean c) {
        return new RobotState(pose, velocity, battery, c, estopped, timestampMillis);
    }

    public RobotState withEstopped(boolean e) {
        return new RobotState(pose, velocity, battery, connected, e, timestampMillis);
    }
}
