package org.classbot.perception.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;
import org.classbot.perception.Frame;
import org.junit.jupiter.api.Test;

class FrameSourcesTest {

    static final Path OPENCV_DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    static final Path VTEST = OPENCV_DATA.resolve("vtest.avi");
    static final Path GOLDEN = Path.of(System.getProperty("classbot.golden", "../../shared/golden"));
    static final Path EXERCISE = Path.of(System.getProperty("classbot.exercise", "../../shared/exercise"));

    @Test
    void should_read_a_grayscale_png_as_equal_bgr_channels_from_the_raster() throws Exception {
        Path png = OPENCV_DATA.resolve("basketball1.png");
        assumeTrue(Files.isReadable(png), "Debian opencv-doc not installed: " + png);
        BufferedImage raw = ImageIO.read(png.toFile());
        try (FrameSource src = FrameSources.open(png.toString())) {
            Frame f = src.next().orElseThrow();
            assertThat(src.next()).isEmpty();
            assertThat(f.index()).isZero();
            byte[] bgr = ((DataBufferByte) f.image().getRaster().getDataBuffer()).getData();
            for (int[] p : new int[][] {{0, 0}, {320, 240}, {639, 479}, {100, 400}}) {
                int gray = raw.getRaster().getSample(p[0], p[1], 0);
                int i = (p[1] * 640 + p[0]) * 3;
                assertThat(new int[] {bgr[i] & 255, bgr[i + 1] & 255, bgr[i + 2] & 255}).containsOnly(gray);
            }
        }
    }

    @Test
    void should_decode_every_frame_of_vtest_with_timestamps_matching_the_golden_frame() throws Exception {
        assumeTrue(Files.isReadable(VTEST), "Debian opencv-doc not installed: " + VTEST);
        Path golden = GOLDEN.resolve("images/vtest_100.png");
        try (FrameSource src = FrameSources.open(VTEST.toString())) {
            assertThat(src.live()).isFalse();
            assertThat(src.frameRate()).isEqualTo(10.0);
            long n = 0;
            Frame f;
            Frame hundred = null;
            while ((f = src.next().orElse(null)) != null) {
                assertThat(f.index()).isEqualTo(n++);
                if (f.index() == 100) {
                    hundred = f;
                }
            }
            assertThat(n).isEqualTo(795);
            assertThat(hundred.timestampSeconds()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(hundred.width()).isEqualTo(768);
            if (Files.isReadable(golden)) {
                BufferedImage ref = Images.toBgr(ImageIO.read(golden.toFile()));
                byte[] a = ((DataBufferByte) hundred.image().getRaster().getDataBuffer()).getData();
                byte[] b = ((DataBufferByte) ref.getRaster().getDataBuffer()).getData();
                double sum = 0;
                for (int i = 0; i < a.length; i++) {
                    sum += Math.abs((a[i] & 255) - (b[i] & 255));
                }
                assertThat(sum / a.length).as("mean |Δ| vs the OpenCV-decoded golden frame").isLessThan(3.0);
            }
        }
    }

    @Test
    void should_decode_an_hevc_phone_clip() {
        Path clip = EXERCISE.resolve("junghoonji543+Rok-Fit__situp.mp4");
        assumeTrue(Files.isReadable(clip), "exercise clips not beside the checkout: " + clip);
        try (FrameSource src = FrameSources.open(clip.toString())) {
            Frame f = src.next().orElseThrow();
            assertThat(f.width()).isEqualTo(2320);
            assertThat(f.height()).isEqualTo(1080);
            assertThat(f.image().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        }
    }

    @Test
    void should_read_an_animated_gif_frame_by_frame() throws Exception {
        assumeTrue(Files.isReadable(VTEST), "Debian opencv-doc not installed: " + VTEST);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "Debian ffmpeg not installed (makes the GIF)");
        Path gif = Files.createTempFile("classbot-vtest", ".gif");
        try {
            Process p = new ProcessBuilder("/usr/bin/ffmpeg", "-v", "error", "-y", "-i", VTEST.toString(),
                    "-frames:v", "12", "-vf", "scale=192:-1", gif.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
            try (FrameSource src = FrameSources.open(gif.toString())) {
                List<Frame> frames = new ArrayList<>();
                src.next().ifPresent(frames::add);
                Optional<Frame> f;
                while ((f = src.next()).isPresent()) {
                    frames.add(f.get());
                }
                assertThat(frames).hasSize(12);
                assertThat(frames.get(0).width()).isEqualTo(192);
                assertThat(frames.get(11).timestampSeconds()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(0.02));
            }
        } finally {
            Files.deleteIfExists(gif);
        }
    }

    @Test
    void should_drop_frames_of_a_live_mjpeg_stream_when_the_consumer_is_slow() throws Exception {
        assumeTrue(Files.isReadable(VTEST), "Debian opencv-doc not installed: " + VTEST);
        List<byte[]> jpegs = new ArrayList<>();
        try (FrameSource file = FrameSources.open(VTEST.toString())) {
            for (int i = 0; i < 20; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(file.next().orElseThrow().image(), "jpg", out);
                jpegs.add(out.toByteArray());
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mjpeg", ex -> {
            ex.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=frame");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream os = ex.getResponseBody()) {
                for (int i = 0; i < 400; i++) {
                    byte[] j = jpegs.get(i % jpegs.size());
                    os.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + j.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    os.write(j);
                    os.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    os.flush();
                    Thread.sleep(5); // a 200 fps camera
                }
            } catch (Exception closed) {
                // the client went away
            }
        });
        server.start();
        try (FrameSource src = FrameSources.open("http://127.0.0.1:" + server.getAddress().getPort() + "/mjpeg")) {
            assertThat(src.live()).isTrue();
            List<Long> seen = new ArrayList<>();
            Optional<Frame> f;
            while ((f = src.next()).isPresent()) {
                seen.add(f.get().index());
                assertThat(f.get().width()).isEqualTo(768);
                Thread.sleep(40); // a slow consumer: 25 fps
            }
            assertThat(seen).isSorted().doesNotHaveDuplicates();
            assertThat(src.dropped()).isPositive();
            assertThat(seen.size() + src.dropped()).isGreaterThan(seen.size());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void should_say_which_file_is_missing() {
        assertThatThrownBy(() -> FrameSources.open("/nonexistent/clip.mp4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file: /nonexistent/clip.mp4");
    }

    @Test
    void should_reject_a_file_that_is_not_a_video() throws Exception {
        Path txt = Files.createTempFile("classbot", ".mp4");
        Files.writeString(txt, "not a video");
        try {
            assertThatThrownBy(() -> FrameSources.open(txt.toString()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot open video");
        } finally {
            Files.delete(txt);
        }
    }
}
