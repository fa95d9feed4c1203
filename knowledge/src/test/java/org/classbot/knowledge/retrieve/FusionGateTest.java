package org.classbot.knowledge.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.classbot.knowledge.index.ChunkSchema;

/** The BM25 confidence gate, parent/child hits and the translated terms shown by {@code --explain}. */
class FusionGateTest {
    @Test
    void should_give_an_empty_or_near_tied_bm25_list_no_weight_and_a_separated_one_full_weight() {
        assertThat(HybridSearcher.bm25Confidence(List.of(), 0.3)).isZero();
        assertThat(HybridSearcher.bm25Confidence(List.of(2.0, 2.0, 1.99, 1.98, 1.98, 1.0), 0.3)).isLessThan(0.05);
        assertThat(HybridSearcher.bm25Confidence(List.of(8.0, 3.0, 2.0, 1.5, 1.0), 0.3)).isEqualTo(1.0);
        assertThat(HybridSearcher.bm25Confidence(List.of(5.0), 0.3)).isEqualTo(1.0);
        assertThat(HybridSearcher.bm25Confidence(List.of(2.0, 1.7), 0.3)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void should_always_count_bm25_fully_when_the_gate_is_off() {
        assertThat(HybridSearcher.bm25Confidence(List.of(2.0, 2.0, 2.0), 0)).isEqualTo(1.0);
        assertThat(RetrievalOptions.DEFAULT.withBm25Gate(0).bm25Gate()).isZero();
    }

    @Test
    void should_show_an_item_as_its_article_and_return_items_of_one_article_once() {
        String article = "第三条 三级安全教育包括：（一）校级；（二）院级。";
        List<Candidate> hits = HybridSearcher.withParents(List.of(
                candidate("a", "第三条 三级安全教育包括：（二）院级。", Map.of(ChunkSchema.META_SOURCE, "/d/r.md", ChunkSchema.META_PARENT, article)),
                candidate("b", "第四条 一个月内完成。", Map.of(ChunkSchema.META_SOURCE, "/d/r.md")),
                candidate("c", "第三条 三级安全教育包括：（一）校级；", Map.of(ChunkSchema.META_SOURCE, "/d/r.md", ChunkSchema.META_PARENT, article))));
        assertThat(hits).extracting(Candidate::id).containsExactly("a", "b");
        assertThat(hits.get(0).text()).isEqualTo(article);
        assertThat(hits.get(1).text()).isEqualTo("第四条 一个月内完成。");
    }

    @Test
    void should_list_the_translated_terms_each_hit_holds() {
        Retrieval r = new Retrieval("How often must gas cylinders be inspected?",
                List.of(candidate("a", "气瓶每三年须定期检验一次。", Map.of()), candidate("b", "灭火器每月检查一次。", Map.of())), true, new float[0], null);
        List<Candidate> hits = HybridSearcher.matched(r, "气瓶，检验，钢瓶，").hits();
        assertThat(hits.get(0).translated()).containsExactly("气瓶", "检验");
        assertThat(hits.get(1).translated()).isEmpty();
    }

    private static Candidate candidate(String id, String text, Map<String, Object> meta) {
        return new Candidate(id, text, meta, 0, 0, 0.5, 1, 0, null, 0, 0, 0);
    }
}
