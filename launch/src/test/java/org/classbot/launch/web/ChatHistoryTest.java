package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.skill.StepResult;

/** The chat panel's conversation on disk: bounded, and back after a restart. */
class ChatHistoryTest {

    @TempDir
    Path tmp;

    @Test
    void should_keep_the_newest_entries_on_disk_and_read_them_back_after_a_restart() throws Exception {
        Path file = tmp.resolve("sub/history.json");
        ChatHistory h = new ChatHistory(Optional.of(file), 3);
        h.planned("实验室可以吃东西吗？", Plan.of(List.of(new Action.Answer("实验室可以吃东西吗？")), "offline"));
        h.step(0, new StepResult(new Action.Answer("实验室可以吃东西吗？"), StepResult.Status.DONE, "不可以。[1]", 5));
        h.reply("急停已锁定 / E-STOP latched");
        h.reply("急停已解除 / e-stop reset");
        assertThat(h.entries()).hasSize(3);
        assertThat(Files.exists(file)).isTrue();
        assertThat(Files.exists(file.resolveSibling("history.json.tmp"))).isFalse();

        ChatHistory again = new ChatHistory(Optional.of(file), 3);
        assertThat(again.entries()).extracting(e -> e.get("text"))
                .containsExactly("不可以。[1]", "急停已锁定 / E-STOP latched", "急停已解除 / e-stop reset");
        again.reply("next");
        assertThat(again.entries().get(2).get("seq")).isEqualTo(5L);
    }

    @Test
    void should_start_empty_when_the_file_is_broken() throws Exception {
        Path file = tmp.resolve("history.json");
        Files.writeString(file, "{not json");
        assertThat(new ChatHistory(Optional.of(file), 10).entries()).isEmpty();
    }
}
