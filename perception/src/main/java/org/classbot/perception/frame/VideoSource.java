package org.classbot.perception.frame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.classbot.perception.Frame;

/**
 * Video through FFmpeg (JavaCV's {@link FFmpegFrameGrabber}): files of any container/codec FFmpeg
 * reads (MP4/H.264, HEVC, AVI, GIF, ...), V4L2 webcams and network streams (RTSP, HTTP MJPEG).
 * A file is read frame by frame on the caller's thread, every frame. A live source is read by a
 * background thread that keeps only the newest frame, so a slow consumer skips frames instead of
 * falling behind; {@link #dropped()} counts the skipped ones. Frames are copied out of FFmpeg's
 * buffer (it is reused), rotated by the stream's display matrix, as {@code TYPE_3BYTE_BGR}.
 */
final class VideoSource implements FrameSource {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final FFmpegFrameGrabber grabber;
    private final boolean live;
    private final String description;
    private final int rotation;
    private long nextIndex;
    private long firstTimestamp = Long.MIN_VALUE;

    // live mode
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private Frame latest;
    private boolean ended;
    private RuntimeException failure;
    private long dropped;
    private Thread reader;

    VideoSource(FFmpegFrameGrabber grabber, boolean live, String description) {
        this.grabber = grabber;
        this.live = live;
        this.description = description;
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly();
            throw new IllegalArgumentException("cannot open " + description + ": " + e.getMessage(), e);
        }
        int r = (int) Math.round(grabber.getDisplayRotation());
        this.rotation = ((r % 360) + 360) % 360;
        if (live) {
            reader = new Thread(this::readLoop, "classbot-frames-" + description);
            reader.setDaemon(true);
            reader.start();
        }
    }

    @Override
    public Optional<Frame> next() {
        return live ? nextLive() : Optional.ofNullable(grabOne());
    }

    private Frame grabOne() {
        try {
            org.bytedeco.javacv.Frame f = grabber.grabImage();
            if (f == null || f.image == null) {
                return null;
            }
            long ts = f.timestamp;
            if (firstTimestamp == Long.MIN_VALUE) {
                firstTimestamp = ts;
            }
            double t = ts >= firstTimestamp ? (ts - firstTimestamp) / 1e6
                    : nextIndex / Math.max(1, grabber.getFrameRate());
            return new Frame(nextIndex++, t, rotate(copy(f)));
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("cannot decode " + description + " at frame " + nextIndex + ": "
                    + e.getMessage(), e);
        }
    }

    private void readLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Frame f = grabOne();
                lock.lock();
                try {
                    if (f == null) {
                        ended = true;
                        arrived.signalAll();
                        return;
                    }
                    if (latest != null) {
                        dropped++;
                    }
                    latest = f;
                    arrived.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (RuntimeException e) {
            lock.lock();
            try {
                failure = ended ? null : e;
                ended = true;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private Optional<Frame> nextLive() {
        lock.lock();
        try {
            while (latest == null && !ended) {
                arrived.await(1, TimeUnit.SECONDS);
            }
            if (latest == null) {
                if (failure != null) {
                    throw failure;
                }
                return Optional.empty();
            }
            Frame f = latest;
            latest = null;
            return Optional.of(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private static BufferedImage copy(org.bytedeco.javacv.Frame f) {
        int w = f.imageWidth, h = f.imageHeight, stride = f.imageStride;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
        int row = w * 3;
        if (stride == row) {
            src.position(0);
            src.get(dst, 0, row * h);
        } else {
            for (int y = 0; y < h; y++) {
                src.position(y * stride);
                src.get(dst, y * row, row);
            }
        }
        return img;
    }

    private BufferedImage rotate(BufferedImage img) {
        if (rotation == 0) {
            return img;
        }
        // FFmpeg's display rotation is counter-clockwise; turn the picture upright
        int turns = ((360 - rotation) / 90) % 4;
        int w = img.getWidth(), h = img.getHeight();
        boolean swap = turns % 2 == 1;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] s = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int ow = out.getWidth();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nx, ny;
                switch (turns) {
                    case 1 -> { nx = h - 1 - y; ny = x; }
                    case 2 -> { nx = w - 1 - x; ny = h - 1 - y; }
                    default -> { nx = y; ny = w - 1 - x; }
                }
                int si = (y * w + x) * 3, di = (ny * ow + nx) * 3;
                d[di] = s[si];
                d[di + 1] = s[si + 1];
                d[di + 2] = s[si + 2];
            }
        }
        return out;
    }

    @Override
    public boolean live() { return live; }

    @Override
    public double frameRate() { return grabber.getFrameRate(); }

    @Override
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Number of frames in a file as the container states it (may be 0 or approximate). */
    int lengthInFrames() { return grabber.getLengthInVideoFrames(); }

    @Override
    public String description() { return description; }

    @Override
    public void close() {
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            grabber.close();
        } catch (Exception ignored) {
            // nothing to release twice
        }
    }
}
