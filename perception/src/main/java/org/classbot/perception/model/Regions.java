package org.classbot.perception.model;

import org.classbot.perception.Box;
import org.classbot.perception.Frame;

/** Whole-pixel crop rectangles inside a frame. */
final class Regions {

    private Regions() {
    }

    /** {@code box} clipped to the frame and widened to whole pixels: {x, y, w, h}, at least 1x1. */
    static int[] clip(Frame frame, Box box) {
        int x1 = (int) Math.floor(Math.max(0, Math.min(frame.width() - 1, box.x1())));
        int y1 = (int) Math.floor(Math.max(0, Math.min(frame.height() - 1, box.y1())));
        int x2 = (int) Math.ceil(Math.max(x1 + 1, Math.min(frame.width(), box.x2())));
        int y2 = (int) Math.ceil(Math.max(y1 + 1, Math.min(frame.height(), box.y2())));
        return new int[]{x1, y1, x2 - x1, y2 - y1};
    }
}
