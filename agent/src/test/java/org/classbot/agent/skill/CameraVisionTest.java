package org.classbot.agent.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.plan.Action;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.install.ModelInstaller;
import org.classbot.perception.install.Npm;
import org.classbot.perception.model.ModelStore;

/** describe_scene and count_exercise on real ONNX models (imported from the npm package) and a real video. */
class CameraVisionTest {

    private static final Path VIDEO = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

    @TempDir
    static Path models;

    static boolean ready;

    @BeforeAll
    static void installModels() throws Exception {
        String cache = System.getenv().getOrDefault("CLASSBOT_NPM_CACHE",
                Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm").toString());
        Path tarball = Path.of(cache, "vladmandic-human-3.3.6.tgz");
        ready = Files.isRegularFile(tarball) && Files.isRegularFile(VIDEO);
        if (ready) {
            ModelInstaller installer = new ModelInstaller(new Npm(), models);
            installer.install(KnownModel.CENTERNET, tarball, ModelInstaller.Progress.NONE);
            installer.install(KnownModel.MOVENET_LIGHTNING, tarball, ModelInstaller.Progress.NONE);
        }
    }

    private static CameraVision vision(List<String> announcements) {
        return new CameraVision(new CameraVision.Settings(VIDEO.toString(), "centernet", "movenet-lightning",
                new ModelStore(models), 5, 6, 0.3, 0.3), announcements::add);
    }

    @Test
    void should_describe_the_people_in_the_frame() {
        assumeTrue(ready, "the npm model package (launch/scripts/fetch-test-models.sh) or opencv-doc's vtest.avi is missing; skipping");
        try (CameraVision v = vision(new CopyOnWriteArrayList<>())) {
            String scene = v.describeScene();
            assertThat(scene).containsPattern("\\b(?:a person|\\w+ people)\\b").contains("人");
        }
    }

    @Test
    void should_count_in_the_background_until_stopped() throws Exception {
        assumeTrue(ready, "the npm model package (launch/scripts/fetch-test-models.sh) or opencv-doc's vtest.avi is missing; skipping");
        List<String> said = new CopyOnWriteArrayList<>();
        try (CameraVision v = vision(said)) {
            String started = v.startCounting(Action.Exercise.SQUAT, OptionalInt.of(5));
            assertThat(started).contains("深蹲").contains("squat").contains("target 5");
            Thread.sleep(1500);
            assertThat(v.counting()).isTrue();
            String summary = v.stopCounting();
            assertThat(summary).contains("深蹲").contains("squat");
            assertThat(v.counting()).isFalse();
        }
    }

    @Test
    void should_say_which_model_is_missing() {
        try (CameraVision v = new CameraVision(new CameraVision.Settings(VIDEO.toString(), "centernet", "movenet-lightning",
                new ModelStore(models.resolve("empty")), 5, 6, 0.3, 0.3), s -> { })) {
            assertThatThrownBy(v::describeScene).isInstanceOf(SkillException.class).hasMessageContaining("no detector model");
        }
    }
}
