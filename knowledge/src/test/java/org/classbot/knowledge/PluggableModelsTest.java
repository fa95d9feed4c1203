package org.classbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.knowledge.embed.Embedder;

/** Other LangChain4j models plugged in: an embedding model as the primary one, and a reranker. */
class PluggableModelsTest {
    @TempDir
    Path tmp;

    /**
     * A real, if simple, {@link ScoringModel}: the share of the query's words that a passage contains. It stands
     * in for a cross-encoder, which is not available offline.
     */
    static final class WordOverlapScorer implements ScoringModel {
        @Override
        public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            List<String> words = List.of(query.toLowerCase().split("\\W+"));
            return Response.from(segments.stream().map(s -> {
                String t = s.text().toLowerCase();
                return words.stream().filter(t::contains).count() / (double) words.size();
            }).toList());
        }
    }

    @Test
    void should_use_any_embedding_model_and_record_its_name_in_the_index() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("battery.md"), "# Batteries\n\nNever charge a swollen battery pack. Put it in the sand bucket.\n");
        Files.writeString(docs.resolve("food.md"), "# Food\n\nNo eating or drinking in the lab.\n");
        Path index = tmp.resolve("index");
        KnowledgeOptions english = KnowledgeOptions.builder().optEmbeddingModel(Embedder.bgeSmallEnQuantized().model(), "bge-small-en-v1.5-q").build();
        try (KnowledgeBase kb = KnowledgeBase.open(index, english)) {
            assertThat(kb.embeddingModels()).containsExactly("bge-small-en-v1.5-q");
            kb.ingest(List.of(docs));
            assertThat(kb.search("my battery is puffy", 1)).singleElement().satisfies(h -> assertThat(h.doc()).isEqualTo("battery.md"));
        }
        assertThatThrownBy(() -> KnowledgeBase.open(index)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("'bge-small-en-v1.5-q' (384-d)").hasMessageContaining("bge-small-zh-v1.5").hasMessageContaining("re-ingest");
    }

    @Test
    void should_reorder_hits_with_a_langchain4j_scoring_model() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# Charging\n\nCharge batteries only in the fireproof cabinet.\n");
        Files.writeString(docs.resolve("b.md"), "# Storage\n\nStore batteries at storage voltage in the fireproof box, never in a backpack.\n");
        Files.writeString(docs.resolve("c.md"), "# Damage\n\nA swollen battery goes into the sand bucket.\n");
        Path index = tmp.resolve("index");
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            kb.ingest(List.of(docs));
        }
        String q = "where to store batteries never in a backpack";
        try (KnowledgeBase kb = KnowledgeBase.open(index, KnowledgeOptions.builder().optReranker(new WordOverlapScorer()).build())) {
            List<SearchHit> hits = kb.search(q, 3);
            assertThat(hits).isNotEmpty();
            assertThat(hits).allSatisfy(h -> assertThat(h.explain().rerankScore()).isNotNull());
            assertThat(hits.get(0).doc()).isEqualTo("b.md");
            assertThat(hits).extracting(SearchHit::score).isSortedAccordingTo((x, y) -> Double.compare(y, x));
            assertThat(hits.get(0).score()).isEqualTo(hits.get(0).explain().rerankScore());
        }
    }
}
