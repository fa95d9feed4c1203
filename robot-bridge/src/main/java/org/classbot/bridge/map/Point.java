package org.classbot.bridge.map;

/** A point in the map frame, metres. */
public record Point(double x, double y) {

    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("a map point needs finite coordinates, got (" + x + ", " + y + ")");
        }
    }
}
