package org.classbot.perception.image;

import java.awt.image.BufferedImage;

import org.classbot.perception.Box;
import org.classbot.perception.Frame;
import org.classbot.perception.frame.Images;

/**
 * The one crop rule every runner uses: a region of a frame as a whole-pixel rectangle
 * {@code (x, y, width, height)} inside the frame, at least 1×1. {@link #of} clips the box to the
 * frame and widens it to whole pixels ({@code floor} of the top-left, {@code ceil} of the
 * bottom-right); a box wholly outside the frame becomes the 1-pixel column or row at the nearest edge.
 */
public record Crop(Frame frame, int x, int y, int width, int height) {

    public Crop {
        if (width < 1 || height < 1 || x < 0 || y < 0 || x + width > frame.width() || y + height > frame.height()) {
            throw new IllegalArgumentException("crop " + x + "," + y + " " + width + "x" + height + " is not inside the "
                    + frame.width() + "x" + frame.height() + " frame");
        }
    }

    /** {@code box} (frame pixels) clipped to the frame and widened to whole pixels. */
    public static Crop of(Frame frame, Box box) {
        int x1 = (int) Math.floor(Math.max(0, Math.min(frame.width() - 1, box.x1())));
        int y1 = (int) Math.floor(Math.max(0, Math.min(frame.height() - 1, box.y1())));
        int x2 = (int) Math.ceil(Math.max(x1 + 1, Math.min(frame.width(), box.x2())));
        int y2 = (int) Math.ceil(Math.max(y1 + 1, Math.min(frame.height(), box.y2())));
        return new Crop(frame, x1, y1, x2 - x1, y2 - y1);
    }

    /** The whole frame. */
    public static Crop whole(Frame frame) {
        return new Crop(frame, 0, 0, frame.width(), frame.height());
    }

    public boolean isWholeFrame() {
        return x == 0 && y == 0 && width == frame.width() && height == frame.height();
    }

    /** The cropped pixels: the frame's own image for the whole frame, else a BGR copy of the rectangle. */
    public BufferedImage image() {
        return isWholeFrame() ? frame.image() : Images.crop(frame.image(), x, y, width, height);
    }

    /** The rectangle as a box in frame pixels. */
    public Box box() {
        return new Box(x, y, x + width, y + height);
    }
}
