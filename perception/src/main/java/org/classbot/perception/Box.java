package org.classbot.perception;

/**
 * An axis-aligned box in <b>image pixels of the original frame</b> (not model-input pixels):
 * {@code (x1, y1)} top-left, {@code (x2, y2)} bottom-right, x to the right, y down.
 * Model runners convert their outputs to this space before returning (e.g. CenterNet:
 * {@code box * pad_to / 512}). Boxes may extend slightly outside the image; use {@link #clip}.
 */
public record Box(double x1, double y1, double x2, double y2) {

    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + " " + x2 + "," + y2);
        }
    }

    /** Box from a centre point and size (YOLO's cx, cy, w, h layout). */
    public static Box ofCenter(double cx, double cy, double w, double h) {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    public double width() { return x2 - x1; }

    public double height() { return y2 - y1; }

    public double area() { return width() * height(); }

    public double centerX() { return (x1 + x2) / 2; }

    public double centerY() { return (y1 + y2) / 2; }

    /** Intersection over union; 0 when either box is empty. */
    public double iou(Box o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** This box clipped to {@code [0,width] x [0,height]}. */
    public Box clip(double width, double height) {
        double a = clamp(x1, width), b = clamp(y1, height);
        return new Box(a, b, Math.max(a, clamp(x2, width)), Math.max(b, clamp(y2, height)));
    }

    /** This box grown by {@code fraction} of its size on each side (0.1 = 10 % each side). */
    public Box expand(double fraction) {
        double dx = width() * fraction, dy = height() * fraction;
        return new Box(x1 - dx, y1 - dy, x2 + dx, y2 + dy);
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(max, v));
    }
}
