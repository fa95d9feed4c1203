package org.classbot.perception.image;

/**
 * A model input made by {@link SquareResize}: {@code size × size × 3} RGB bytes in HWC order
 * ({@code ((y*size)+x)*3+c}), showing the square of side {@code padTo} whose top-left corner is
 * {@code (originX, originY)} in the source image. Maps model-input coordinates back to image pixels.
 */
public record SquareInput(byte[] rgb, int size, int padTo, int originX, int originY) {

    public SquareInput {
        if (rgb.length != size * size * 3) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, expected " + size + "x" + size + "x3");
        }
    }

    /** Image x of a model-input x given in input pixels (0..size). */
    public double imageX(double inputX) {
        return originX + inputX * padTo / size;
    }

    /** Image y of a model-input y given in input pixels (0..size). */
    public double imageY(double inputY) {
        return originY + inputY * padTo / size;
    }
}
