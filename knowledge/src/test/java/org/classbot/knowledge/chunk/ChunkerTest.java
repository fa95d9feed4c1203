package org.classbot.knowledge.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void should_split_chinese_sentences_at_full_width_marks_and_keep_closing_quotes() {
        List<String> s = SentenceSplitter.split("实验室内禁止饮食。请问“可以喝水吗？”不可以！电池……要充电；然后离开");
        assertThat(s).containsExactly("实验室内禁止饮食。", "请问“可以喝水吗？”", "不可以！", "电池……", "要充电；", "然后离开");
    }

    @Test
    void should_split_english_sentences_but_not_decimals_or_abbreviations() {
        List<String> s = SentenceSplitter.split("The limit is 0.5 m/s. Use e.g. the remote. Stop! Why? Done");
        assertThat(s).containsExactly("The limit is 0.5 m/s.", "Use e.g. the remote.", "Stop!", "Why?", "Done");
    }

    @Test
    void should_split_mixed_text_and_line_breaks() {
        assertThat(SentenceSplitter.split("Press the E-stop.急停后须复位。\nNext line"))
                .containsExactly("Press the E-stop.", "急停后须复位。", "Next line");
    }

    @Test
    void should_pack_sentences_up_to_the_limit_with_overlap() {
        String text = "第一句话在这里。第二句话在这里。第三句话在这里。第四句话在这里。第五句话在这里。";
        List<String> chunks = new SentenceChunker(20, 8).split(text);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(20));
        assertThat(chunks.get(0)).isEqualTo("第一句话在这里。第二句话在这里。");
        // the last sentence of one chunk opens the next
        assertThat(chunks.get(1)).startsWith("第二句话在这里。");
        assertThat(String.join("", chunks)).contains("第五句话在这里。");
    }

    @Test
    void should_join_english_sentences_with_a_space() {
        assertThat(new SentenceChunker(100, 0).split("One rule. Two rules.")).containsExactly("One rule. Two rules.");
    }

    @Test
    void should_cut_a_sentence_longer_than_the_limit() {
        String longSentence = "长".repeat(50) + "。";
        List<String> chunks = new SentenceChunker(20, 5).split(longSentence);
        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(20));
    }

    @Test
    void should_cut_fixed_windows_with_overlap() {
        List<String> chunks = new FixedLengthChunker(10, 4).split("0123456789abcdefghij");
        assertThat(chunks).containsExactly("0123456789", "6789abcdef", "cdefghij");
    }

    @Test
    void should_count_code_points_not_chars() {
        List<String> chunks = new FixedLengthChunker(2, 0).split("😀😀😀");
        assertThat(chunks).containsExactly("😀😀", "😀");
    }

    @Test
    void should_reject_overlap_not_smaller_than_the_chunk() {
        assertThatThrownBy(() -> new ChunkingOptions(ChunkingOptions.Strategy.SENTENCE, 100, 100))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> ChunkingOptions.Strategy.parse("words")).hasMessageContaining("sentence or fixed");
    }

    @Test
    void should_make_each_article_its_own_chunk_and_keep_its_sub_items_with_it() {
        String text = "为加强管理，制定本办法。\n第一条 实行三级安全教育制度。三级安全教育是指：\n（一）入学安全教育；\n（二）专业安全教育。\n"
                + "第二条 易燃液体须存放在防爆柜中。\n第十三条 禁止使用通讯设备拍照。";
        assertThat(new ArticleChunker(300, 60).split(text)).containsExactly("为加强管理，制定本办法。",
                "第一条 实行三级安全教育制度。三级安全教育是指：（一）入学安全教育；（二）专业安全教育。",
                "第二条 易燃液体须存放在防爆柜中。", "第十三条 禁止使用通讯设备拍照。");
    }

    @Test
    void should_split_numbered_rules_but_not_decimals_and_pack_long_articles_by_sentences() {
        assertThat(new ArticleChunker(300, 0).split("1. Wear safety glasses.\n2. The limit is 0.5 m/s and\nnever more."))
                .containsExactly("1. Wear safety glasses.", "2. The limit is 0.5 m/s and never more.");
        String longArticle = "第一条 " + "实验室内禁止饮食。".repeat(10);
        assertThat(new ArticleChunker(40, 0).split(longArticle)).hasSizeGreaterThan(2).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(40));
        assertThat(new ChunkingOptions(ChunkingOptions.Strategy.parse("article"), 300, 60).chunker()).isInstanceOf(ArticleChunker.class);
    }

    @Test
    void should_make_each_item_a_child_of_its_article_with_the_heading_path() {
        String text = "第三条 学校实行三级安全教育制度。三级安全教育包括：\n（一）校级安全教育；\n（二）院级安全教育。\n"
                + "第四条 新进人员须在一个月内完成教育。\n";
        List<TextChunk> chunks = new ArticleChunker(300, 60).chunk("实验室安全准入制度",
                List.of(new org.classbot.knowledge.load.Section(text, 0, "第二章 安全教育")));
        assertThat(chunks).extracting(TextChunk::text).containsExactly(
                "第三条 学校实行三级安全教育制度。三级安全教育包括：（一）校级安全教育；",
                "第三条 学校实行三级安全教育制度。三级安全教育包括：（二）院级安全教育。",
                "第四条 新进人员须在一个月内完成教育。");
        assertThat(chunks).extracting(TextChunk::heading).containsOnly("实验室安全准入制度 › 第二章 安全教育");
        assertThat(chunks.get(0).parent()).isEqualTo("第三条 学校实行三级安全教育制度。三级安全教育包括：（一）校级安全教育；（二）院级安全教育。")
                .isEqualTo(chunks.get(1).parent());
        assertThat(chunks.get(2).parent()).isEmpty();
    }

    @Test
    void should_keep_items_without_a_lead_and_circled_numbers_as_children() {
        List<TextChunk> chunks = new ArticleChunker(300, 60).chunk("预案",
                List.of(new org.classbot.knowledge.load.Section("① 不少于四学时；\n② 不少于八学时。", 0, "预案")));
        assertThat(chunks).extracting(TextChunk::text).containsExactly("① 不少于四学时；", "② 不少于八学时。");
        assertThat(chunks).extracting(TextChunk::heading).containsOnly("预案");
        assertThat(chunks).extracting(TextChunk::parent).containsOnly("① 不少于四学时；② 不少于八学时。");
    }

    @Test
    void should_cut_regulations_by_article_and_other_documents_by_sentences_in_auto() {
        Chunker auto = new ChunkingOptions(ChunkingOptions.Strategy.parse("auto"), 300, 60).chunker();
        String regulation = "第一条 总则。\n第二条 不得饮食。\n第三条 须穿实验服。\n";
        assertThat(auto.chunk("规定", List.of(new org.classbot.knowledge.load.Section(regulation, 0, "")))).extracting(TextChunk::text)
                .containsExactly("第一条 总则。", "第二条 不得饮食。", "第三条 须穿实验服。");
        String list = "1. No food.\n2. Wear shoes.\n3. Ask staff.\n";
        assertThat(auto.chunk("Rules", List.of(new org.classbot.knowledge.load.Section(list, 0, "")))).hasSize(1);
    }
}
