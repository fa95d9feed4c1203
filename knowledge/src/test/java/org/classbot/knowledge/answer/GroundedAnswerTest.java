package org.classbot.knowledge.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.classbot.knowledge.chunk.Languages;

class GroundedAnswerTest {
    private final List<Passage> passages = List.of(
            new Passage(1, "lab-rules.zh.md", "饮食", "实验室内禁止饮食。"),
            new Passage(2, "battery.en.md", "", "Never leave a charging battery unattended."));

    @Test
    void should_tell_chinese_from_english_questions() {
        assertThat(Languages.isChinese("实验室里可以吃东西吗？")).isTrue();
        assertThat(Languages.isChinese("Can I eat in the lab?")).isFalse();
        assertThat(Languages.isChinese("LiPo 电池怎么充电")).isTrue();
        assertThat(Languages.isChinese("Is the 急停 button red?")).isFalse();
    }

    @Test
    void should_number_passages_and_ask_for_the_question_language_only_from_them() {
        String user = GroundedPrompt.user("电池能过夜充电吗？", passages);
        assertThat(user).contains("[1] (lab-rules.zh.md — 饮食)\n实验室内禁止饮食。", "[2] (battery.en.md)\nNever leave",
                "Question: 电池能过夜充电吗？");
        assertThat(GroundedPrompt.system(true)).contains("ONLY the numbered passages", "Simplified Chinese", "NOT_FOUND", "[1], [2]");
        assertThat(GroundedPrompt.system(false)).contains("Answer in English");
    }

    @Test
    void should_keep_real_citations_renumbered_in_order_of_use_and_drop_invented_ones() {
        Composed c = LlmAnswerer.interpret("Never leave it alone [2]. Also no food [1] [7].", 2).orElseThrow();
        assertThat(c.text()).isEqualTo("Never leave it alone [1]. Also no food [2] .");
        assertThat(c.cited()).containsExactly(2, 1);
    }

    @Test
    void should_turn_not_found_or_empty_replies_into_no_answer() {
        assertThat(LlmAnswerer.interpret("NOT_FOUND", 2)).isEmpty();
        assertThat(LlmAnswerer.interpret(" not_found.", 2)).isEmpty();
        assertThat(LlmAnswerer.interpret("", 2)).isEmpty();
    }
}
