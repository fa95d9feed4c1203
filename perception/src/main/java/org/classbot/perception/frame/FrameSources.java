package org.classbot.perception.frame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Opens a {@link FrameSource} from what a user types:
 * <ul>
 * <li>{@code photo.jpg|.jpeg|.png|.bmp} — a still image (ImageIO);</li>
 * <li>any other existing file — a video through FFmpeg (MP4, MKV, AVI, MOV, GIF, HEVC, ...), every frame;</li>
 * <li>{@code /dev/video0} or {@code webcam:0} — a V4L2 camera, live;</li>
 * <li>{@code rtsp://…}, {@code rtmp://…}, {@code http(s)://…} (e.g. an MJPEG camera), {@code udp://…},
 *   {@code tcp://…}, {@code srt://…} — a network stream, live (RTSP over TCP, 10 s connect/read timeout).</li>
 * </ul>
 */
public final class FrameSources {

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp");
    private static final Pattern STREAM = Pattern.compile("^(rtsp|rtsps|rtmp|http|https|udp|tcp|srt)://.+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEBCAM = Pattern.compile("^(?:webcam:(\\d+)|(/dev/video\\d+))$");

    private FrameSources() {
    }

    public static FrameSource open(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no input given: pass an image, a video file, /dev/videoN or a stream URL");
        }
        Matcher cam = WEBCAM.matcher(spec);
        if (cam.matches()) {
            String device = cam.group(2) != null ? cam.group(2) : "/dev/video" + cam.group(1);
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(device);
            g.setFormat("video4linux2");
            return new VideoSource(g, true, "camera " + device);
        }
        if (STREAM.matcher(spec).matches()) {
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(spec);
            if (spec.toLowerCase(Locale.ROOT).startsWith("rtsp")) {
                g.setOption("rtsp_transport", "tcp");
            }
            g.setOption("timeout", "10000000");
            g.setOption("rw_timeout", "10000000");
            return new VideoSource(g, true, "stream " + redact(spec));
        }
        Path path = Path.of(spec);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path.toAbsolutePath()
                    + " (give an image, a video file, /dev/videoN or a stream URL)");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("cannot read " + path.toAbsolutePath() + " (check its permissions)");
        }
        String name = path.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (IMAGE_EXTENSIONS.contains(ext)) {
            return new ImageFileSource(path);
        }
        return new VideoSource(new FFmpegFrameGrabber(path.toFile()), false, "video " + path);
    }

    /** True when {@code spec} names a still image file. */
    public static boolean isImage(String spec) {
        int dot = spec.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(spec.substring(dot + 1).toLowerCase(Locale.ROOT))
                && !STREAM.matcher(spec).matches();
    }

    /** URL without user:password, for messages. */
    static String redact(String url) {
        return url.replaceFirst("://[^/@]*@", "://***@");
    }
}
