package org.classbot.bridge;

/** Receives every new robot state (odometry, connection change, e-stop change). */
@FunctionalInterface
public interface RobotStateListener {
    void onState(RobotState state);
}
