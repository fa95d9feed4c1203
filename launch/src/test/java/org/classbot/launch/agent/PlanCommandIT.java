package org.classbot.launch.agent;

import org.classbot.launch.app.ClassbotLauncherIT;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classbot plan} through the committed launcher script: UTF-8 arguments and files, exit codes. */
class PlanCommandIT {

    @TempDir
    Path tmp;

    @Test
    void should_plan_chinese_from_the_command_line() throws Exception {
        ClassbotLauncherIT.Result r = ClassbotLauncherIT.run("plan", "先前进两米，然后右转九十度", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo(
                "{\"actions\":[{\"action\":\"move\",\"distance_m\":2.0},{\"action\":\"turn\",\"angle_deg\":-90}]}");
    }

    @Test
    void should_plan_a_batch_file_as_json_lines() throws Exception {
        Path file = tmp.resolve("u.txt");
        Files.writeString(file, "说你好\n\ncount 20 push-ups\n", StandardCharsets.UTF_8);
        ClassbotLauncherIT.Result r = ClassbotLauncherIT.run("plan", "--batch", file.toString(), "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip().lines()).containsExactly(
                "{\"actions\":[{\"action\":\"speak\",\"text\":\"你好\"}]}",
                "{\"actions\":[]}",
                "{\"actions\":[{\"action\":\"count_exercise\",\"exercise\":\"pushup\",\"target\":20}]}");
    }

    @Test
    void should_exit_2_for_an_empty_utterance() throws Exception {
        ClassbotLauncherIT.Result r = ClassbotLauncherIT.run("plan", "");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
