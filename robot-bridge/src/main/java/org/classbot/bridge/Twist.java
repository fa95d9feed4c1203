package org.classbot.bridge;

/**
 * A velocity command in the robot's base frame (ROS geometry_msgs/Twist reduced to a ground robot):
 * {@code linear} in m/s (+ forward), {@code angular} in rad/s (+ left / counter-clockwise, REP-103).
 */
public record Twist(double linear, double angular) {

    public static final Twist ZERO = new Twist(0, 0);

    public static Twist of(double linear, double angular) {
        return new Twist(linear, angular);
    }

    public boolean isZero() {
        return linear == 0.0 && angular == 0.0;
    }
}
