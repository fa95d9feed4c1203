package org.classbot.launch.perception;

import org.classbot.launch.app.Json;
import org.classbot.launch.perception.ModelsCommand;
import org.classbot.launch.app.CliRunner;

import static org.classbot.launch.app.CliRunner.run;
import org.classbot.launch.app.CliRunner.Run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.config.ClassbotConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.perception.install.KnownModel;

/** {@code classbot models ...} in-process, with the real npm package tarball from the test cache. */
class ModelsCommandTest {

    @TempDir
    Path dir;

    static Path cachedTarball(KnownModel m) {
        String cache = System.getProperty("classbot.npm.cache", System.getenv("CLASSBOT_NPM_CACHE"));
        Path dir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm");
        Path tgz = dir.resolve(m.tarballName());
        assumeTrue(Files.isRegularFile(tgz), "skipped: " + tgz + " absent; run launch/scripts/fetch-test-models.sh");
        return tgz;
    }

    @Test
    void should_install_centernet_from_a_downloaded_tarball_and_list_it() throws Exception {
        Path tgz = cachedTarball(KnownModel.CENTERNET);
        Run r = run("models", "install", "centernet", "--from", tgz.toString(), "--models-dir", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("installed centernet").contains(dir.resolve("centernet.onnx").toString());
        assertThat(r.err()).contains("install centernet").contains("100%");
        assertThat(dir.resolve("centernet.onnx")).isRegularFile();

        Run list = run("models", "list", "--json", "--models-dir", dir.toString());
        assertThat(list.exit()).isZero();
        JsonNode doc = Json.MAPPER.readTree(list.out());
        JsonNode centernet = null;
        for (JsonNode m : doc.path("models")) {
            if (m.path("name").asText().equals("centernet")) {
                centernet = m;
            }
        }
        assertThat(centernet).isNotNull();
        assertThat(centernet.path("installed").asBoolean()).isTrue();
        assertThat(centernet.path("bytes").asLong()).isEqualTo(Files.size(dir.resolve("centernet.onnx")));
    }

    @Test
    void should_refuse_an_unknown_model_with_one_line_and_exit_2() {
        Run r = run("models", "install", "yolo-nope", "--models-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("unknown model 'yolo-nope'").contains("movenet-lightning");
    }

    @Test
    void should_refuse_a_wrong_tarball_and_leave_the_models_folder_alone() throws Exception {
        Path bogus = Files.write(dir.resolve("bogus.tgz"), new byte[]{1, 2, 3});
        Path models = dir.resolve("models");
        Run r = run("models", "install", "movenet-lightning", "--from", bogus.toString(), "--models-dir", models.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot install movenet-lightning").contains("bogus.tgz").doesNotContain("Exception");
        assertThat(r.err().strip().lines().filter(l -> l.startsWith("classbot:"))).hasSize(1);
        assertThat(models).doesNotExist();
    }

    @Test
    void should_take_the_models_folder_from_classbot_home_or_config() throws Exception {
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "perception:\n  models_dir: " + dir.resolve("m") + "\n");
        ClassbotApp app = ClassbotApp.of(ClassbotConfig.load(cfg, Map.of()), Map.of());
        assertThat(app.modelsDir(null)).isEqualTo(dir.resolve("m"));
        assertThat(app.modelsDir(dir.resolve("x"))).isEqualTo(dir.resolve("x"));
        // left at its default, $CLASSBOT_HOME/models wins
        ClassbotApp home = ClassbotApp.of(ClassbotConfig.load(null, Map.of()), Map.of("CLASSBOT_HOME", dir.toString()));
        assertThat(home.modelsDir(null)).isEqualTo(dir.resolve("models"));
    }

    @Test
    void should_refuse_all_names_when_one_is_unknown_and_install_nothing() {
        Run r = run("models", "install", "centernet", "yolo-nope", "--models-dir", dir.resolve("m").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown model 'yolo-nope'");
        assertThat(dir.resolve("m")).doesNotExist();
    }

    @Test
    void should_say_the_install_command_when_the_configured_model_is_missing() throws Exception {
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "perception:\n  models_dir: " + dir.resolve("empty") + "\n");
        Path img = Path.of("/usr/share/doc/opencv-doc/examples/data/lena.jpg");
        assumeTrue(Files.isRegularFile(img), "skipped: opencv-doc absent");
        Run r = run("pose", img.toString(), "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("classbot models install movenet-lightning");
    }
}
