package org.classbot.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.apache.lucene.document.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.knowledge.FileOutcome;
import org.classbot.knowledge.IndexedFile;
import org.classbot.knowledge.IngestListener;
import org.classbot.knowledge.IngestReport;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.knowledge.chunk.ChunkingOptions;
import org.classbot.knowledge.chunk.TextChunk;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.index.Catalog;
import org.classbot.knowledge.index.ChunkSchema;
import org.classbot.knowledge.index.LuceneIndex;
import org.classbot.knowledge.index.VectorSpace;

/** Ingest, catalog and chunk layout on a real on-disk index, with a hand-made 3-d embedding model (no ONNX model). */
class IngestorTest {
    @TempDir
    Path dir;

    /** 3-d "embeddings": counts of Han characters, Latin letters and digits, plus one (never a zero vector). */
    static final EmbeddingModel COUNTS = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>();
            for (TextSegment s : segments) {
                String t = s.text();
                out.add(Embedding.from(new float[] {1 + t.codePoints().filter(org.classbot.knowledge.chunk.Languages::isHan).count(),
                        t.chars().filter(Character::isLetter).count(), t.chars().filter(Character::isDigit).count()}));
            }
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return 3;
        }
    };

    private Path docs() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("rules.md"), "# Rules\n\nNo food in the lab. Wear closed shoes at all times.\n");
        Files.writeString(docs.resolve("规定.md"), "# 规定\n\n第一条 实验室内禁止饮食。第二条 必须穿包脚的鞋。\n");
        Files.writeString(docs.resolve("notes.xyz"), "not a document");
        return docs;
    }

    @Test
    void should_add_skip_and_then_find_files_unchanged_without_writing() throws Exception {
        Path docs = docs();
        try (LuceneIndex index = LuceneIndex.open(dir.resolve("index"), "counts-3d", 3)) {
            Catalog catalog = new Catalog(index);
            Ingestor ingestor = new Ingestor(index, catalog, Embedder.of(COUNTS, "counts-3d"), null, ChunkingOptions.DEFAULT.chunker(), 1 << 20);
            IngestReport first = ingestor.ingest(List.of(docs), IngestListener.NONE);
            assertThat(first.files()).extracting(FileOutcome::doc, FileOutcome::status).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("notes.xyz", FileOutcome.Status.SKIPPED),
                    org.assertj.core.groups.Tuple.tuple("rules.md", FileOutcome.Status.ADDED),
                    org.assertj.core.groups.Tuple.tuple("规定.md", FileOutcome.Status.ADDED));
            long generation = generation(index);

            assertThat(ingestor.prepare(docs.resolve("rules.md"))).isInstanceOf(Ingestor.Skipped.class);
            IngestReport again = ingestor.ingest(List.of(docs), IngestListener.NONE);
            assertThat(again.files()).filteredOn(f -> f.doc().endsWith(".md")).extracting(FileOutcome::status)
                    .containsOnly(FileOutcome.Status.UNCHANGED);
            assertThat(generation(index)).isEqualTo(generation);

            assertThat(catalog.list()).extracting(IndexedFile::doc).containsExactlyInAnyOrder("rules.md", "规定.md");
            assertThat(catalog.matching("规定.md")).singleElement().extracting(IndexedFile::source)
                    .isEqualTo(docs.resolve("规定.md").toAbsolutePath().normalize().toString());
            assertThatThrownBy(() -> catalog.matching("nothing.md")).isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("kb list");
        }
    }

    private static long generation(LuceneIndex index) {
        Long g = index.withSearcher(s -> ((org.apache.lucene.index.DirectoryReader) s.getIndexReader()).getIndexCommit().getGeneration());
        return g;
    }

    @Test
    void should_store_each_chunk_with_its_metadata_and_one_vector_per_sentence() throws Exception {
        Path docs = docs();
        try (LuceneIndex index = LuceneIndex.open(dir.resolve("index"), "counts-3d", 3)) {
            Catalog catalog = new Catalog(index);
            new Ingestor(index, catalog, Embedder.of(COUNTS, "counts-3d"), null, ChunkingOptions.DEFAULT.chunker(), 1 << 20)
                    .ingest(List.of(docs.resolve("规定.md")), IngestListener.NONE);
            String source = docs.resolve("规定.md").toAbsolutePath().normalize().toString();
            Document d = index.withSearcher(s -> s.storedFields().document(s.search(ChunkSchema.sourceQuery(source), 1).scoreDocs[0].doc));
            assertThat(ChunkSchema.metadata(d)).containsEntry(ChunkSchema.META_FILE_NAME, "规定.md").containsEntry(ChunkSchema.META_SOURCE, source)
                    .containsEntry(ChunkSchema.META_INDEX, 0).containsEntry(ChunkSchema.META_HEADING, "规定").containsKey(ChunkSchema.META_HASH);
            assertThat(d.get(ChunkSchema.TEXT)).contains("第一条 实验室内禁止饮食。");
            List<float[]> sv = ChunkSchema.sentenceVectors(d, VectorSpace.PRIMARY, 3);
            assertThat(sv).hasSize(2);
            assertThat(sv.get(0)[0]).isEqualTo(1f + "第一条实验室内禁止饮食".length());
            assertThat(catalog.remove(source)).isEqualTo(1);
            assertThat(catalog.list()).isEmpty();
        }
    }

    @Test
    void should_prefix_the_heading_for_embedding_unless_the_chunk_starts_with_it() {
        assertThat(Ingestor.withHeading(new TextChunk("No food.", 0, "Rules"))).isEqualTo("Rules\nNo food.");
        assertThat(Ingestor.withHeading(new TextChunk("Rules: no food.", 0, "Rules"))).isEqualTo("Rules: no food.");
        assertThat(Ingestor.sentencesOf(new TextChunk("One sentence only.", 0, ""))).isEmpty();
    }

    @Test
    void should_store_article_items_with_their_heading_path_and_parent_and_find_them_unchanged_again() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("regs"));
        Files.writeString(docs.resolve("准入制度.txt"), "实验室安全准入制度\n\n第二章 安全教育\n第三条 三级安全教育包括：\n（一）校级安全教育；\n"
                + "（二）院级安全教育。\n第四条 新进人员须在一个月内完成教育。\n");
        ChunkingOptions article = new ChunkingOptions(ChunkingOptions.Strategy.ARTICLE, 300, 60);
        try (LuceneIndex index = LuceneIndex.open(dir.resolve("index"), "counts-3d", 3)) {
            Ingestor ingestor = new Ingestor(index, new Catalog(index), Embedder.of(COUNTS, "counts-3d"), null, article.chunker(), 1 << 20);
            assertThat(ingestor.ingest(List.of(docs), IngestListener.NONE).files()).extracting(FileOutcome::status)
                    .containsExactly(FileOutcome.Status.ADDED);
            List<java.util.Map<String, Object>> meta = index.withSearcher(s -> {
                List<java.util.Map<String, Object>> m = new ArrayList<>();
                for (int d = 0; d < s.getIndexReader().maxDoc(); d++) {
                    m.add(ChunkSchema.metadata(s.storedFields().document(d)));
                }
                return m;
            });
            assertThat(meta).hasSize(3).extracting(m -> m.get(ChunkSchema.META_HEADING)).containsOnly("实验室安全准入制度 › 第二章 安全教育");
            assertThat(meta).extracting(m -> m.get(ChunkSchema.META_PARENT)).containsOnly(
                    "第三条 三级安全教育包括：（一）校级安全教育；（二）院级安全教育。", null);
            assertThat(ingestor.ingest(List.of(docs), IngestListener.NONE).files()).extracting(FileOutcome::status)
                    .containsExactly(FileOutcome.Status.UNCHANGED);
        }
    }
}
