package org.classbot.bridge.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A simple closed polygon in the map frame (a room outline, a geofence). Vertices in order, not repeated. */
public record Polygon(List<Point> vertices) {

    public Polygon {
        vertices = List.copyOf(vertices);
        if (vertices.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices, got " + vertices.size());
        }
    }

    public static Polygon rectangle(double minX, double minY, double maxX, double maxY) {
        return new Polygon(List.of(new Point(minX, minY), new Point(maxX, minY), new Point(maxX, maxY), new Point(minX, maxY)));
    }

    /**
     * Parses {@code "x1,y1 x2,y2 x3,y3 ..."} (pairs separated by spaces or semicolons).
     *
     * @throws IllegalArgumentException saying which pair is wrong
     */
    public static Polygon parse(String text) {
        List<Point> pts = new ArrayList<>();
        for (String pair : text.strip().split("[;\\s]+")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] xy = pair.split(",");
            try {
                if (xy.length != 2) {
                    throw new NumberFormatException();
                }
                pts.add(new Point(Double.parseDouble(xy[0].strip()), Double.parseDouble(xy[1].strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("polygon vertex '" + pair + "' is not 'x,y' in metres");
            }
        }
        return new Polygon(pts);
    }

    /** The inverse of {@link #parse(String)}. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Point p : vertices) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%s,%s", p.x(), p.y()));
        }
        return sb.toString();
    }

    /** Whether the point is inside (even-odd rule; points on an edge count as inside). */
    public boolean contains(double x, double y) {
        if (distanceToEdge(x, y) < 1e-9) {
            return true;
        }
        boolean inside = false;
        int n = vertices.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            Point a = vertices.get(i);
            Point b = vertices.get(j);
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Distance from the point to the nearest edge (0 on an edge). */
    public double distanceToEdge(double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        int n = vertices.size();
        for (int i = 0; i < n; i++) {
            Point a = vertices.get(i);
            Point b = vertices.get((i + 1) % n);
            best = Math.min(best, segmentDistance(x, y, a, b));
        }
        return best;
    }

    /** Signed clearance: distance to the edge, negative when outside. */
    public double clearance(double x, double y) {
        double d = distanceToEdge(x, y);
        return contains(x, y) ? d : -d;
    }

    /**
     * Distance from (x, y) along the unit direction (dx, dy) to the first edge crossed, or
     * {@code Double.POSITIVE_INFINITY} when the ray crosses none.
     */
    public double rayDistance(double x, double y, double dx, double dy) {
        double best = Double.POSITIVE_INFINITY;
        int n = vertices.size();
        for (int i = 0; i < n; i++) {
            Point a = vertices.get(i);
            Point b = vertices.get((i + 1) % n);
            double ex = b.x() - a.x();
            double ey = b.y() - a.y();
            double den = dx * ey - dy * ex;
            if (Math.abs(den) < 1e-12) {
                continue; // parallel
            }
            double wx = a.x() - x;
            double wy = a.y() - y;
            double t = (wx * ey - wy * ex) / den;
            double u = (wx * dy - wy * dx) / den;
            if (t >= 0 && u >= 0 && u <= 1) {
                best = Math.min(best, t);
            }
        }
        return best;
    }

    static double segmentDistance(double px, double py, Point a, Point b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - a.x()) * dx + (py - a.y()) * dy) / len2;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(px - (a.x() + t * dx), py - (a.y() + t * dy));
    }
}
