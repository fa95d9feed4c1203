package org.classbot.launch.mcp;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.classbot.perception.Frame;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.frame.Images;

/**
 * The {@code classbot://camera/frame} resource (issue 12): a frame of the configured camera as a JPEG, grabbed when an
 * assistant reads it (a camera or stream gives its current frame, a video file its first). A source that gives no
 * frame within a few seconds is an error saying so, never a hung call.
 */
final class CameraFrame {

    static final String URI = "classbot://camera/frame";
    private static final long WAIT_S = 5;

    private final String source;

    CameraFrame(String source) {
        this.source = source == null ? "" : source.strip();
    }

    boolean configured() {
        return !source.isEmpty();
    }

    /** Base64 JPEG of one frame now. */
    String jpegBase64() {
        if (!configured()) {
            throw new IllegalStateException("no camera configured (agent.camera.source or --camera) / 未配置摄像头");
        }
        CompletableFuture<String> grab = CompletableFuture.supplyAsync(() -> {
            try (FrameSource src = FrameSources.open(source)) {
                Optional<Frame> f = src.next();
                if (f.isEmpty()) {
                    throw new IllegalStateException("the camera " + source + " gave no frame / 摄像头没有画面");
                }
                return Images.jpegBase64(f.get().image(), 1.0);
            }
        });
        try {
            return grab.get(WAIT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            grab.cancel(true);
            throw new IllegalStateException("the camera " + source + " gave no frame within " + WAIT_S + " s / 摄像头没有画面", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
