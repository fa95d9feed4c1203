package org.classbot.knowledge.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.classbot.knowledge.chunk.SentenceSplitter;


class ExtractiveSentencesTest {
    @Test
    void should_join_a_run_in_heading_to_the_sentence_after_it() {
        List<String> s = SentenceSplitter.withRunInHeadings(
                SentenceSplitter.split("2. Opening hours. The lab is open Monday to Friday until 21:00. No smoking at any time."));
        assertThat(s).containsExactly("Opening hours. The lab is open Monday to Friday until 21:00.", "No smoking at any time.");
    }

    @Test
    void should_drop_list_numbers_and_keep_chinese_sentences_whole() {
        List<String> s = SentenceSplitter.withRunInHeadings(List.of("4.", "进入场地须穿包脚的鞋。", "注意：", "不得穿拖鞋。"));
        assertThat(s).containsExactly("进入场地须穿包脚的鞋。", "注意：不得穿拖鞋。");
    }

    @Test
    void should_answer_from_sentences_in_the_question_language_when_there_are_some() {
        List<String> texts = new ArrayList<>(List.of("实验室内禁止饮食。", "No eating or drinking in the lab.", "水杯放在门口。"));
        List<int[]> where = new ArrayList<>(List.of(new int[] {1, 0}, new int[] {2, 0}, new int[] {1, 1}));
        ExtractiveAnswerer.keepQuestionLanguage("Can I have lunch at my bench?", texts, where);
        assertThat(texts).containsExactly("No eating or drinking in the lab.");
        assertThat(where).hasSize(1);
        assertThat(where.get(0)[0]).isEqualTo(2);

        List<String> onlyChinese = new ArrayList<>(List.of("实验室内禁止饮食。"));
        List<int[]> at = new ArrayList<>(List.<int[]>of(new int[] {1, 0}));
        ExtractiveAnswerer.keepQuestionLanguage("Can I eat here?", onlyChinese, at);
        assertThat(onlyChinese).containsExactly("实验室内禁止饮食。"); // nothing else to answer from
    }
}
