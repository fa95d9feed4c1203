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
        // byte offsets of the source columns and rows; -1 marks padding or outside the image (reads 0)
        int[] c0 = new int[n], c1 = new int[n], r0 = new int[n], r1 = new int[n];
        for (int o = 0; o < n; o++) {
            c0[o] = px.column(x, w, i0x[o]);
            c1[o] = px.column(x, w, i1x[o]);
            r0[o] = px.row(y, h, i0y[o]);
            r1[o] = px.row(y, h, i1y[o]);
        }
        byte[] d = px.data;
        int[] chan = {px.r, px.g, px.b};
        byte[] out = new byte[n * n * 3];
        for (int oy = 0; oy < n; oy++) {
            int ra = r0[oy], rb = r1[oy];
            double wy = fy[oy];
            for (int ox = 0; ox < n; ox++) {
                int ca = c0[ox], cb = c1[ox];
                double wx = fx[ox];
                int o = (oy * n + ox) * 3;
                for (int c = 0; c < 3; c++) {
                    int k = chan[c];
                    int tl = ra < 0 || ca < 0 ? 0 : d[ra + ca + k] & 0xff;
                    int tr = ra < 0 || cb < 0 ? 0 : d[ra + cb + k] & 0xff;
                    int bl = rb < 0 || ca < 0 ? 0 : d[rb + ca + k] & 0xff;
                    int br = rb < 0 || cb < 0 ? 0 : d[rb + cb + k] & 0xff;
                    double top = tl + (tr - tl) * wx;
                    double bottom = bl + (br - bl) * wx;
                    double v = top + (bottom - top) * wy;
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

    /** Direct access to an interleaved 8-bit raster: byte offsets of R, G and B within a pixel. */
    private record Pixels(byte[] data, int base, int stride, int pixelStride, int r, int g, int b, int width, int height) {

        /** Byte offset of region column {@code sx} (region starts at x, is w wide); -1 for padding / outside. */
        int column(int x, int w, int sx) {
            int ix = x + sx;
            return sx >= w || ix < 0 || ix >= width ? -1 : ix * pixelStride;
        }

        /** Byte offset of region row {@code sy}, including the raster's base; -1 for padding / outside. */
        int row(int y, int h, int sy) {
            int iy = y + sy;
            return sy >= h || iy < 0 || iy >= height ? -1 : base + iy * stride;
        }

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
