package org.classbot.launch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.classbot.launch.app.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassbotConfigTest {

    @TempDir
    Path dir;

    @Test
    void should_read_documented_defaults() {
        ClassbotConfig c = ClassbotConfig.load(null, Map.of());
        assertThat(c.getString("robot.profile", null)).isEqualTo("sim");
        assertThat(c.getInt("web.port", 0)).isEqualTo(8080);
        assertThat(c.getString("web.host", null)).isEqualTo("127.0.0.1");
    }

    @Test
    void should_let_file_override_defaults_and_env_override_file() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "web:\n  port: 9000\nrobot:\n  id: robo7\n");
        ClassbotConfig fileOnly = ClassbotConfig.load(f, Map.of());
        assertThat(fileOnly.getInt("web.port", 0)).isEqualTo(9000);
        assertThat(fileOnly.getString("robot.id", null)).isEqualTo("robo7");
        assertThat(fileOnly.source()).contains(f);

        ClassbotConfig withEnv = ClassbotConfig.load(f, Map.of("CLASSBOT_WEB_PORT", "9100"));
        assertThat(withEnv.getInt("web.port", 0)).isEqualTo(9100);
    }

    @Test
    void should_flatten_lists_and_list_children() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "robot:\n  places:\n    door: [1.0, 2.0]\n    whiteboard: [3, 4]\n");
        ClassbotConfig c = ClassbotConfig.load(f, Map.of());
        assertThat(c.children("robot.places")).contains("door", "whiteboard");
        assertThat(c.getString("robot.places.door", null)).isEqualTo("1.0,2.0");
        assertThat(c.getDouble("robot.places.door.1", 0)).isEqualTo(2.0);
    }

    @Test
    void should_explain_a_bad_value_with_key_and_env_name() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "web:\n  port: eighty\n");
        ClassbotConfig c = ClassbotConfig.load(f, Map.of());
        assertThatThrownBy(() -> c.getInt("web.port", 0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("web.port").hasMessageContaining("eighty").hasMessageContaining("CLASSBOT_WEB_PORT");
    }

    @Test
    void should_fail_clearly_on_missing_or_broken_file() throws Exception {
        assertThatThrownBy(() -> ClassbotConfig.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("nope.yaml");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "web: [unclosed\n");
        assertThatThrownBy(() -> ClassbotConfig.load(bad, Map.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("bad.yaml");
    }

    @Test
    void should_expand_home_in_paths() {
        assertThat(ClassbotConfig.expandHome("~/x")).isEqualTo(Path.of(System.getProperty("user.home"), "x"));
        assertThat(ClassbotConfig.expandHome("/tmp/y")).isEqualTo(Path.of("/tmp/y"));
    }
}
