package org.classbot.perception;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One decoded picture. {@code index} counts frames from 0 in decode order (for a live source with
 * dropped frames, the index of the frame as decoded, so gaps show the drops);
 * {@code timestampSeconds} the presentation time from the start of the source (0 for a still
 * image). Frame sources ({@code org.classbot.perception.frame}) always deliver
 * {@code TYPE_3BYTE_BGR} images (grey PNGs already expanded to R=G=B from the raster, no colour
 * management); a frame built elsewhere may hold any type, so read pixels type-aware.
 */
public record Frame(long index, double timestampSeconds, BufferedImage image) {

    public Frame {
        Objects.requireNonNull(image, "image");
    }

    public int width() { return image.getWidth(); }

    public int height() { return image.getHeight(); }

    /** The whole frame as a box. */
    public Box bounds() { return new Box(0, 0, width(), height()); }
}
