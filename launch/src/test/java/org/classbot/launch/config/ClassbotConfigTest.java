package org.classbot.launch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.classbot.launch.app.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassbotConfigTest {

    @TempDir
    Path dir;

    @Test
    void should_read_documented_defaults() {
        ClassbotConfig c = ClassbotConfig.load(null, Map.of());
        assertThat(c.string("robot.profile")).isEqualTo("sim");
        assertThat(c.integer("web.port")).isEqualTo(8080);
        assertThat(c.string("web.host")).isEqualTo("127.0.0.1");
    }

    @Test
    void should_let_file_override_defaults_and_env_override_file() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "web:\n  port: 9000\nrobot:\n  id: robo7\n");
        ClassbotConfig fileOnly = ClassbotConfig.load(f, Map.of());
        assertThat(fileOnly.integer("web.port")).isEqualTo(9000);
        assertThat(fileOnly.string("robot.id")).isEqualTo("robo7");
        assertThat(fileOnly.source()).contains(f);

        ClassbotConfig withEnv = ClassbotConfig.load(f, Map.of("CLASSBOT_WEB_PORT", "9100"));
        assertThat(withEnv.integer("web.port")).isEqualTo(9100);
    }

    @Test
    void should_flatten_lists_and_list_children() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "robot:\n  places:\n    lab: {x: 1.0, y: 2.0, aliases: [实验室, lab room]}\n");
        ClassbotConfig c = ClassbotConfig.load(f, Map.of());
        assertThat(c.children("robot.places")).contains("door", "lab");
        assertThat(c.string("robot.places.lab.aliases")).isEqualTo("实验室,lab room");
        assertThat(c.decimal("robot.places.lab.y")).isEqualTo(2.0);
    }

    @Test
    void should_explain_a_bad_value_with_key_and_env_name() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "web:\n  port: eighty\n");
        ClassbotConfig c = ClassbotConfig.load(f, Map.of());
        assertThatThrownBy(() -> c.integer("web.port"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("web.port").hasMessageContaining("eighty").hasMessageContaining("CLASSBOT_WEB_PORT");
    }

    @Test
    void should_refuse_an_unknown_key_in_the_user_file_and_suggest_the_right_one() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "robot:\n  safety:\n    max_linear_mp: 0.2\n");
        assertThatThrownBy(() -> ClassbotConfig.load(f, Map.of()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("robot.safety.max_linear_mp").hasMessageContaining("did you mean 'robot.safety.max_linear_mps'");
    }

    @Test
    void should_take_free_form_transport_options_with_their_dots() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "robot:\n  options:\n    rosbridge.timeout_ms: 1500\n    rosbridge:\n      ros_version: 1\n");
        ClassbotConfig c = ClassbotConfig.load(f, Map.of());
        assertThat(c.section("robot.options")).containsEntry("rosbridge.timeout_ms", "1500").containsEntry("rosbridge.ros_version", "1");
        Settings s = Settings.from(c, Map.of());
        assertThat(s.robot().options()).containsEntry("rosbridge.timeout_ms", "1500").containsEntry("rosbridge.ros_version", "1");
    }

    @Test
    void should_treat_a_key_without_a_default_as_a_bug() {
        ClassbotConfig c = ClassbotConfig.load(null, Map.of());
        assertThatThrownBy(() -> c.string("robot.no_such_key")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("classbot-defaults.yaml");
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
        String home = System.getenv().getOrDefault("HOME", System.getProperty("user.home"));
        assertThat(ClassbotConfig.expandHome("~/x")).isEqualTo(Path.of(home, "x"));
        assertThat(ClassbotConfig.expandHome("/tmp/y")).isEqualTo(Path.of("/tmp/y"));
    }

    /** classbot-defaults.yaml is the only source of defaults: parsing the settings reads every key it lists. */
    @Test
    void should_read_every_documented_key_when_parsing_the_settings() {
        ClassbotConfig c = ClassbotConfig.load(null, Map.of());
        Settings.from(c, Map.of());
        Set<String> unread = new TreeSet<>(c.documentedKeys());
        unread.removeAll(c.keysRead());
        assertThat(unread).as("keys in classbot-defaults.yaml that no setting reads").isEmpty();
    }

    /** ... and documents each one: a comment on the key, above it, or above its section. */
    @Test
    void should_document_every_key_in_the_defaults_file() throws IOException {
        List<String> lines;
        try (InputStream in = ClassbotConfig.class.getResourceAsStream(ClassbotConfig.DEFAULTS_RESOURCE)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> undocumented = new ArrayList<>();
        // indentation -> whether the innermost open block at that depth is documented
        boolean[] documented = new boolean[16];
        boolean commentAbove = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty()) {
                commentAbove = false;
                continue;
            }
            if (t.startsWith("#")) {
                commentAbove = true;
                continue;
            }
            int depth = (line.length() - line.stripLeading().length()) / 2;
            boolean own = commentAbove || t.contains(" # ");
            boolean inherited = depth > 0 && documented[depth - 1];
            documented[depth] = own || inherited;
            String key = t.substring(0, Math.max(0, t.indexOf(':')));
            boolean leaf = !t.endsWith(":");
            if (leaf && !documented[depth] && depth > 0) {
                undocumented.add(key + " (line: " + t + ")");
            }
            commentAbove = false;
        }
        assertThat(undocumented).as("keys without a comment in classbot-defaults.yaml").isEmpty();
    }
}
