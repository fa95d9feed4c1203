package org.classbot.knowledge.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.knowledge.index.LuceneIndex;

/** The LangChain4j store contract on a real on-disk Lucene index (3-d vectors written by hand). */
class LuceneEmbeddingStoreTest {
    @TempDir
    Path dir;
    LuceneIndex index;
    LuceneEmbeddingStore store;
    String robot;
    String battery;
    String food;

    @BeforeEach
    void setUp() {
        index = LuceneIndex.open(dir, "hand-made-3d", 3);
        store = new LuceneEmbeddingStore(index);
        robot = store.add(Embedding.from(new float[] {1, 0, 0}),
                TextSegment.from("急停按钮是红色的。", Metadata.from("file_name", "robot.md").put("page", 1).put("year", 2024)));
        battery = store.add(Embedding.from(new float[] {0, 1, 0}),
                TextSegment.from("Charge batteries in the cabinet.", Metadata.from("file_name", "battery.md").put("page", 2).put("year", 2025)));
        food = store.add(Embedding.from(new float[] {0.7f, 0.7f, 0}),
                TextSegment.from("No food in the lab.", Metadata.from("file_name", "rules.md").put("page", 3)));
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private List<EmbeddingMatch<TextSegment>> search(float[] q, Filter filter, int k) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(q)).filter(filter).maxResults(k).build()).matches();
    }

    @Test
    void should_return_the_nearest_entries_with_relevance_scores_text_and_metadata() {
        List<EmbeddingMatch<TextSegment>> m = search(new float[] {1, 0.1f, 0}, null, 2);
        assertThat(m).extracting(EmbeddingMatch::embeddingId).containsExactly(robot, food);
        assertThat(m.get(0).score()).isCloseTo((1 + 0.995) / 2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(m.get(0).embedded().text()).isEqualTo("急停按钮是红色的。");
        assertThat(m.get(0).embedded().metadata().getInteger("page")).isEqualTo(1);
        assertThat(m.get(0).embedded().metadata().getString("file_name")).isEqualTo("robot.md");
        assertThat(m.get(0).embedding().vector()).containsExactly(1, 0, 0);
    }

    @Test
    void should_filter_by_metadata_with_langchain4j_semantics() {
        float[] q = {1, 0, 0};
        assertThat(search(q, metadataKey("file_name").isEqualTo("battery.md"), 3)).extracting(EmbeddingMatch::embeddingId).containsExactly(battery);
        assertThat(search(q, metadataKey("page").isGreaterThanOrEqualTo(2), 3)).extracting(EmbeddingMatch::embeddingId).containsExactlyInAnyOrder(battery, food);
        assertThat(search(q, metadataKey("page").isLessThan(2), 3)).extracting(EmbeddingMatch::embeddingId).containsExactly(robot);
        assertThat(search(q, metadataKey("file_name").isIn("robot.md", "rules.md"), 3)).hasSize(2);
        // "not equal" also matches entries without the key
        assertThat(search(q, metadataKey("year").isNotEqualTo(2024), 3)).extracting(EmbeddingMatch::embeddingId).containsExactlyInAnyOrder(battery, food);
        assertThat(search(q, metadataKey("year").isEqualTo(2025).or(metadataKey("page").isEqualTo(3)), 3)).hasSize(2);
        assertThat(search(q, metadataKey("year").isEqualTo(2025).and(metadataKey("page").isEqualTo(3)), 3)).isEmpty();
        assertThat(search(q, Filter.not(metadataKey("file_name").containsString("bat")), 3)).hasSize(2);
        assertThat(search(q, metadataKey("file_name").isGreaterThan("q"), 3)).extracting(EmbeddingMatch::embeddingId).containsExactlyInAnyOrder(robot, food);
    }

    @Test
    void should_remove_by_id_by_ids_by_filter_and_all() {
        store.remove(robot);
        assertThat(store.count(null)).isEqualTo(2);
        store.removeAll(metadataKey("page").isEqualTo(2));
        assertThat(search(new float[] {0, 1, 0}, null, 5)).extracting(EmbeddingMatch::embeddingId).containsExactly(food);
        String extra = store.add(Embedding.from(new float[] {0, 0, 1}));
        assertThat(search(new float[] {0, 0, 1}, null, 1).get(0).embedded()).isNull();
        store.removeAll(List.of(extra, food));
        assertThat(store.count(null)).isZero();
        store.addAll(List.of(Embedding.from(new float[] {1, 1, 1}), Embedding.from(new float[] {1, 2, 3})));
        store.removeAll();
        assertThat(store.count(null)).isZero();
    }

    @Test
    void should_replace_an_entry_added_again_with_the_same_id_and_survive_a_reopen() {
        store.addAll(List.of(robot), List.of(Embedding.from(new float[] {0, 0, 1})), List.of(TextSegment.from("新的文字")));
        assertThat(store.count(null)).isEqualTo(3);
        index.close();
        index = LuceneIndex.open(dir, "hand-made-3d", 3);
        store = new LuceneEmbeddingStore(index);
        assertThat(search(new float[] {0, 0, 1}, null, 1).get(0).embedded().text()).isEqualTo("新的文字");
    }

    @Test
    void should_reject_vectors_of_another_dimension() {
        assertThatThrownBy(() -> store.add(Embedding.from(new float[] {1, 2}))).hasMessageContaining("2 dimensions")
                .hasMessageContaining("3-d");
    }
}
