package org.classbot.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.knowledge.KnowledgeBaseException;

class IndexFormatTest {
    private static final List<VectorSpace> SPACES = List.of(new VectorSpace(VectorSpace.PRIMARY, "model-a", 3));

    @Test
    void should_ask_to_reingest_an_index_of_the_previous_format(@TempDir Path dir) throws Exception {
        // what the previous ClassBot wrote: format 1, same model, chunks without sentence vectors
        try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
            w.setLiveCommitData(Map.of(IndexFormat.META_FORMAT, "1", "classbot.embedding.model", "model-a",
                    "classbot.embedding.dimension", "3").entrySet());
            w.commit();
        }
        assertThatThrownBy(() -> LuceneIndex.open(dir, SPACES)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("format 1").hasMessageContaining("re-ingest");
    }

    @Test
    void should_store_and_read_back_a_chunks_sentence_vectors(@TempDir Path dir) {
        float[][] sentences = {{1, 0, 0}, {0, 0.6f, 0.8f}};
        try (LuceneIndex index = LuceneIndex.open(dir, SPACES)) {
            Document doc = index.document("c1", "One. Two.", "One. Two.", Map.of(VectorSpace.PRIMARY, new float[] {0.6f, 0.8f, 0}),
                    Map.of(VectorSpace.PRIMARY, List.of(sentences)), Map.of("file_name", "a.md"));
            index.replace(null, List.of(doc));
            List<float[]> back = index.withSearcher(s -> ChunkSchema.sentenceVectors(
                    s.storedFields().document(s.search(ChunkSchema.idQuery("c1"), 1).scoreDocs[0].doc), VectorSpace.PRIMARY, 3));
            assertThat(back).hasSize(2);
            assertThat(back.get(0)).containsExactly(1, 0, 0);
            assertThat(back.get(1)).containsExactly(0, 0.6f, 0.8f);
        }
        try (LuceneIndex index = LuceneIndex.open(dir, SPACES)) { // the current format opens again
            assertThat(index.commitData()).containsEntry(IndexFormat.META_FORMAT, IndexFormat.FORMAT);
        }
    }
}
