package org.classbot.perception.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

import org.classbot.perception.frame.Images;

/**
 * The preprocessing shared by MoveNet and CenterNet, exactly as the golden reference data was made
 * ({@code shared/golden/README.md}): take a region of the image, zero-pad it at the right or bottom
 * to a square of side {@code S = max(w, h)}, resize {@code S → N} bilinearly with half-pixel
 * centres and no antialiasing, computed in double, and round half up to 0..255.
 *
 * <p>Pixels are read from the raster without colour management: RGB(A) bytes as stored, grey as
 * R=G=B (never {@code getRGB()}, which would gamma-convert 8-bit grey). Other image types go
 * through {@link Images#toBgr} first.
 */
public final class SquareResize {

    private SquareResize() {
    }

    /** The whole image, padded to a square and resized to {@code n × n}. */
    public static SquareInput apply(BufferedImage image, int n) {
        return apply(image, 0, 0, image.getWidth(), image.getHeight(), n);
    }

    /**
     * The region {@code (x, y, w, h)} (image pixels; parts outside the image read as 0), padded at
     * the right/bottom to a square and resized to {@code n × n}.
     */
    public static SquareInput apply(BufferedImage image, int x, int y, int w, int h, int n) {
        if (w <= 0 || h <= 0 || n <= 0) {
            throw new IllegalArgumentException("empty region " + w + "x" + h + " or size " + n);
        }
        Pixels px = Pixels.of(image);
        int s = Math.max(w, h);
        int[] i0x = new int[n], i1x = new int[n], i0y = new int[n], i1y = new int[n];
        double[] fx = new double[n], fy = new double[n];
        axis(s, n, i0x, i1x, fx);
        axis(s, n, i0y, i1y, fy);
        byte[] out = new byte[n * n * 3];
        int[] tl = new int[3], tr = new int[3], bl = new int[3], br = new int[3];
        for (int oy = 0; oy < n; oy++) {
            for (int ox = 0; ox < n; ox++) {
                read(px, x, y, w, h, i0x[ox], i0y[oy], tl);
                read(px, x, y, w, h, i1x[ox], i0y[oy], tr);
                read(px, x, y, w, h, i0x[ox], i1y[oy], bl);
                read(px, x, y, w, h, i1x[ox], i1y[oy], br);
                int o = (oy * n + ox) * 3;
                for (int c = 0; c < 3; c++) {
                    double top = tl[c] + (tr[c] - tl[c]) * fx[ox];
                    double bottom = bl[c] + (br[c] - bl[c]) * fx[ox];
                    double v = top + (bottom - top) * fy[oy];
                    out[o + c] = (byte) (int) Math.floor(v + 0.5);
                }
            }
        }
        return new SquareInput(out, n, s, x, y);
    }

    /** Source indices and weights along one axis (TF half-pixel bilinear, in double). */
    private static void axis(int s, int n, int[] i0, int[] i1, double[] f) {
        double scale = (double) s / n;
        for (int o = 0; o < n; o++) {
            double src = Math.max(0, (o + 0.5) * scale - 0.5);
            int a = Math.min((int) Math.floor(src), s - 1);
            i0[o] = a;
            i1[o] = Math.min(a + 1, s - 1);
            f[o] = src - a;
        }
    }

    /** RGB of region pixel (sx, sy); 0 in the padding and outside the image. */
    private static void read(Pixels px, int x, int y, int w, int h, int sx, int sy, int[] rgb) {
        int ix = x + sx, iy = y + sy;
        if (sx >= w || sy >= h || ix < 0 || iy < 0 || ix >= px.width || iy >= px.height) {
            rgb[0] = 0;
            rgb[1] = 0;
            rgb[2] = 0;
            return;
        }
        int p = px.base + iy * px.stride + ix * px.pixelStride;
        rgb[0] = px.data[p + px.r] & 0xff;
        rgb[1] = px.data[p + px.g] & 0xff;
        rgb[2] = px.data[p + px.b] & 0xff;
    }

    /** Direct access to an interleaved 8-bit raster: byte offsets of R, G and B within a pixel. */
    private record Pixels(byte[] data, int base, int stride, int pixelStride, int r, int g, int b, int width, int height) {

        static Pixels of(BufferedImage image) {
            Pixels p = direct(image);
            return p != null ? p : direct(Images.toBgr(image));
        }

        private static Pixels direct(BufferedImage image) {
            Raster raster = image.getRaster();
            if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
                    || raster.getDataBuffer().getDataType() != DataBuffer.TYPE_BYTE
                    || !(raster.getDataBuffer() instanceof DataBufferByte db) || db.getNumBanks() != 1
                    || image.getColorModel() instanceof java.awt.image.IndexColorModel) {
                return null;
            }
            int bands = sm.getNumBands();
            int comps = image.getColorModel().getColorSpace().getNumComponents();
            int[] off = sm.getBandOffsets();
            int base = db.getOffset() - raster.getSampleModelTranslateX() * sm.getPixelStride()
                    - raster.getSampleModelTranslateY() * sm.getScanlineStride();
            if (comps == 1 && bands <= 2) {
                // grey (with or without alpha): R = G = B = the grey sample
                return new Pixels(db.getData(), base, sm.getScanlineStride(), sm.getPixelStride(), off[0], off[0], off[0],
                        image.getWidth(), image.getHeight());
            }
            if (comps == 3 && bands >= 3 && image.getColorModel().getColorSpace().isCS_sRGB()) {
                return new Pixels(db.getData(), base, sm.getScanlineStride(), sm.getPixelStride(), off[0], off[1], off[2],
                        image.getWidth(), image.getHeight());
            }
            return null;
        }
    }
}
