package org.classbot.perception.yolo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import org.classbot.perception.frame.Images;

/**
 * Ultralytics' letterbox: scale the picture by {@code r = min(W/w, H/h)} keeping its aspect, centre
 * it on a {@code W×H} canvas of grey 114, bilinear with half-pixel centres (OpenCV INTER_LINEAR),
 * then RGB, {@code /255}, planar CHW float — the input YOLOv8/YOLO11 exports expect.
 * {@link #toImageX}/{@link #toImageY} map model-input pixels back to source-image pixels.
 */
public record Letterbox(float[] chw, int width, int height, double scale, double padX, double padY,
                        double originX, double originY) {

    static final float PAD = 114f / 255f;

    /** Letterboxes {@code src} (its region starting at originX/originY, for crops) to W×H. */
    public static Letterbox of(BufferedImage src, int width, int height, double originX, double originY) {
        BufferedImage bgr = Images.toBgr(src);
        int w = bgr.getWidth(), h = bgr.getHeight();
        double r = Math.min((double) width / w, (double) height / h);
        int nw = (int) Math.round(w * r), nh = (int) Math.round(h * r);
        double padX = (width - nw) / 2.0, padY = (height - nh) / 2.0;
        int left = (int) Math.round(padX - 0.1), top = (int) Math.round(padY - 0.1);
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        float[] chw = new float[3 * width * height];
        java.util.Arrays.fill(chw, PAD);
        int plane = width * height;
        double sx = (double) w / nw, sy = (double) h / nh;
        int[] x0 = new int[nw], x1 = new int[nw];
        float[] fx = new float[nw];
        for (int x = 0; x < nw; x++) {
            double s = Math.max(0, (x + 0.5) * sx - 0.5);
            x0[x] = Math.min((int) s, w - 1);
            x1[x] = Math.min(x0[x] + 1, w - 1);
            fx[x] = (float) (s - x0[x]);
        }
        for (int y = 0; y < nh; y++) {
            double s = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) s, h - 1), y1 = Math.min(y0 + 1, h - 1);
            float fy = (float) (s - y0);
            int row0 = y0 * w * 3, row1 = y1 * w * 3;
            int out = (y + top) * width + left;
            for (int x = 0; x < nw; x++, out++) {
                int a = row0 + x0[x] * 3, b = row0 + x1[x] * 3, c = row1 + x0[x] * 3, d = row1 + x1[x] * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float tl = px[a + ch] & 255, tr = px[b + ch] & 255, bl = px[c + ch] & 255, br = px[d + ch] & 255;
                    float top0 = tl + (tr - tl) * fx[x], bot = bl + (br - bl) * fx[x];
                    // BGR in, RGB planes out
                    chw[(2 - ch) * plane + out] = (top0 + (bot - top0) * fy) / 255f;
                }
            }
        }
        return new Letterbox(chw, width, height, r, left, top, originX, originY);
    }

    /** Source-image x of a model-input x. */
    public double toImageX(double inputX) {
        return (inputX - padX) / scale + originX;
    }

    /** Source-image y of a model-input y. */
    public double toImageY(double inputY) {
        return (inputY - padY) / scale + originY;
    }
}
