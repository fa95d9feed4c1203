package org.classbot.perception.frame;

import java.util.Optional;

import org.classbot.perception.Frame;

/**
 * A sequence of frames: an image file (one frame), a video file (every frame, in order) or a live
 * source (camera, RTSP, HTTP MJPEG: the newest frame, older ones dropped so processing stays
 * real-time). Every frame's image is {@code TYPE_3BYTE_BGR}. Open one with {@link FrameSources#open}.
 */
public interface FrameSource extends AutoCloseable {

    /** The next frame, or empty at the end of a file / when a live source closed. Blocks on live sources. */
    Optional<Frame> next();

    /** True for cameras and network streams (frames are dropped when processing is slower). */
    boolean live();

    /** Nominal frames per second (0 when unknown or a still image). */
    double frameRate();

    /** Frames decoded but never returned because a newer one arrived first (live sources only). */
    default long dropped() {
        return 0;
    }

    /** What this source reads, for messages. */
    String description();

    @Override
    void close();
}
