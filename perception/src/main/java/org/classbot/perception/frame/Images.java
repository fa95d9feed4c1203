package org.classbot.perception.frame;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/**
 * Converts decoded pictures to the one layout frame sources deliver, {@code TYPE_3BYTE_BGR},
 * without colour management: grey becomes R=G=B=grey read from the raster ({@code getRGB()}
 * would apply a linear→sRGB curve to 8-bit grey PNGs and be off by up to 73 levels).
 */
public final class Images {

    private Images() {
    }

    /**
     * A picture as base64 JPEG (ImageIO's default quality), first scaled down by {@code scale} when it
     * is below 1 (bilinear): what the console's camera panel and the MCP camera resource send.
     *
     * @throws IllegalStateException when ImageIO cannot encode it
     */
    public static String jpegBase64(BufferedImage image, double scale) {
        BufferedImage out = toBgr(image);
        if (scale < 1.0) {
            BufferedImage small = new BufferedImage(Math.max(1, (int) Math.round(image.getWidth() * scale)),
                    Math.max(1, (int) Math.round(image.getHeight() * scale)), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(out, 0, 0, small.getWidth(), small.getHeight(), null);
            g.dispose();
            out = small;
        }
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            if (!ImageIO.write(out, "jpg", bytes)) {
                throw new IllegalStateException("no JPEG writer in this Java runtime");
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the frame as JPEG: " + e.getMessage(), e);
        }
    }

    public static BufferedImage toBgr(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return src;
        }
        int w = src.getWidth(), h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        Raster r = src.getRaster();
        int bands = r.getNumBands();
        boolean gray = src.getColorModel().getColorSpace().getNumComponents() == 1;
        if (gray && src.getColorModel().getComponentSize(0) == 8) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0, i = y * w * 3; x < w; x++, i += 3) {
                    byte v = (byte) row[x];
                    dst[i] = v;
                    dst[i + 1] = v;
                    dst[i + 2] = v;
                }
            }
            return out;
        }
        boolean rgb8 = !gray && bands >= 3 && !(src.getColorModel() instanceof java.awt.image.IndexColorModel)
                && src.getColorModel().getComponentSize(0) == 8;
        if (rgb8) {
            int[] row = new int[w];
            for (int band = 0; band < 3; band++) {
                for (int y = 0; y < h; y++) {
                    r.getSamples(0, y, w, 1, band, row);
                    for (int x = 0, i = y * w * 3 + (2 - band); x < w; x++, i += 3) {
                        dst[i] = (byte) row[x];
                    }
                }
            }
            return out;
        }
        int[] argb = src.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0, i = 0; p < argb.length; p++, i += 3) {
            int v = argb[p];
            dst[i] = (byte) v;
            dst[i + 1] = (byte) (v >> 8);
            dst[i + 2] = (byte) (v >> 16);
        }
        return out;
    }

    /** A copy of {@code region} (clipped to the image) as a new BGR image. */
    public static BufferedImage crop(BufferedImage bgr, int x, int y, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = ((DataBufferByte) toBgr(bgr).getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int sw = bgr.getWidth(), sh = bgr.getHeight();
        for (int row = 0; row < h; row++) {
            int sy = y + row;
            if (sy < 0 || sy >= sh) {
                continue;
            }
            int x0 = Math.max(0, x), x1 = Math.min(sw, x + w);
            if (x1 > x0) {
                System.arraycopy(src, (sy * sw + x0) * 3, dst, (row * w + (x0 - x)) * 3, (x1 - x0) * 3);
            }
        }
        return out;
    }
}
