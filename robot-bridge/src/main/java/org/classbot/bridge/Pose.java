package org.classbot.bridge;

/** A planar pose in the map frame: metres and radians (theta + counter-clockwise, REP-103). */
public record Pose(double x, double y, double theta) {

    public static final Pose ORIGIN = new Pose(0, 0, 0);
}
