package org.classbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental ingest on a real on-disk index: unchanged files are no-ops, changed files replace, deletes remove. */
class IncrementalIngestTest {
    @TempDir
    Path tmp;
    Path docs;
    Path index;
    KnowledgeBase kb;

    @BeforeEach
    void setUp() throws Exception {
        docs = Files.createDirectories(tmp.resolve("docs"));
        index = tmp.resolve("index");
        Files.writeString(docs.resolve("food.md"), "# 饮食\n\n实验室内禁止饮食。水杯放在门口的架子上。\n");
        Files.writeString(docs.resolve("battery.txt"), "Battery rules\n\nNever leave a charging battery unattended. Swollen packs go into the sand bucket.\n");
        kb = KnowledgeBase.open(index);
        IngestReport first = kb.ingest(List.of(docs));
        assertThat(first.count(FileOutcome.Status.ADDED)).isEqualTo(2);
    }

    @AfterEach
    void tearDown() {
        kb.close();
    }

    private long commitGeneration() throws Exception {
        try (FSDirectory d = FSDirectory.open(index)) {
            return SegmentInfos.readLatestCommit(d).getGeneration();
        }
    }

    @Test
    void should_change_nothing_when_an_unchanged_folder_is_ingested_again() throws Exception {
        long generation = commitGeneration();
        List<IndexedFile> before = kb.list();
        IngestReport again = kb.ingest(List.of(docs));
        assertThat(again.files()).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.UNCHANGED);
        assertThat(again.chunksWritten()).isZero();
        assertThat(commitGeneration()).isEqualTo(generation);
        assertThat(kb.list()).isEqualTo(before);
    }

    @Test
    void should_replace_the_chunks_of_a_changed_file() throws Exception {
        Files.writeString(docs.resolve("food.md"), "# 饮食\n\n实验室里可以喝瓶装水，但不能吃零食。\n\n# 着装\n\n必须穿不露脚趾的鞋。\n");
        IngestReport r = kb.ingest(List.of(docs.resolve("food.md")));
        assertThat(r.files()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FileOutcome.Status.UPDATED);
            assertThat(f.chunks()).isEqualTo(2);
        });
        IndexedFile food = kb.list().stream().filter(f -> f.doc().equals("food.md")).findFirst().orElseThrow();
        assertThat(food.chunks()).isEqualTo(2);
        List<SearchHit> hits = kb.search("可以喝水吗", 5);
        assertThat(hits).extracting(SearchHit::text).anyMatch(t -> t.contains("瓶装水")).noneMatch(t -> t.contains("水杯放在门口"));
    }

    @Test
    void should_remove_a_deleted_document_by_name_and_a_vanished_file_on_folder_ingest() throws Exception {
        List<IndexedFile> removed = kb.delete("food.md");
        assertThat(removed).extracting(IndexedFile::doc).containsExactly("food.md");
        assertThat(kb.list()).extracting(IndexedFile::doc).containsExactly("battery.txt");
        assertThat(kb.search("实验室内禁止饮食", 5)).noneMatch(h -> h.doc().equals("food.md"));
        assertThatThrownBy(() -> kb.delete("food.md")).isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("kb list");

        Files.delete(docs.resolve("battery.txt"));
        IngestReport r = kb.ingest(List.of(docs));
        assertThat(r.files()).filteredOn(f -> f.status() == FileOutcome.Status.REMOVED).extracting(FileOutcome::doc).containsExactly("battery.txt");
        assertThat(kb.list()).extracting(IndexedFile::doc).containsExactly("food.md");
    }

    @Test
    void should_report_bad_files_and_ingest_the_others() throws Exception {
        Path more = Files.createDirectories(tmp.resolve("more"));
        Files.writeString(more.resolve("broken.pdf"), "not a pdf at all");
        Files.writeString(more.resolve("rules.md"), "# 急停\n\n遇到危险立即按下急停按钮。\n");
        Files.writeString(more.resolve("notes.xlsx"), "x");
        IngestReport r = kb.ingest(List.of(more, tmp.resolve("missing.md")));
        assertThat(r.count(FileOutcome.Status.ADDED)).isEqualTo(1);
        assertThat(r.failures()).extracting(FileOutcome::doc).containsExactlyInAnyOrder("broken.pdf", "missing.md");
        assertThat(r.failures()).allSatisfy(f -> assertThat(f.message()).isNotBlank());
        assertThat(r.files()).filteredOn(f -> f.status() == FileOutcome.Status.SKIPPED).extracting(FileOutcome::doc).containsExactly("notes.xlsx");
        assertThat(kb.search("急停按钮", 3)).isNotEmpty();
    }

    @Test
    void should_not_ingest_an_index_kept_inside_the_documents_folder() throws Exception {
        try (KnowledgeBase inner = KnowledgeBase.open(docs.resolve("index"))) {
            IngestReport r = inner.ingest(List.of(docs));
            assertThat(r.files()).extracting(FileOutcome::doc).containsExactlyInAnyOrder("food.md", "battery.txt");
            assertThat(inner.ingest(List.of(docs)).files()).extracting(FileOutcome::status).containsOnly(FileOutcome.Status.UNCHANGED);
        }
    }

    @Test
    void should_refuse_files_over_the_size_limit() throws Exception {
        Path big = tmp.resolve("big.txt");
        Files.writeString(big, "很长的文件。".repeat(400));
        try (KnowledgeBase small = KnowledgeBase.open(tmp.resolve("index2"), KnowledgeOptions.builder().optMaxFileBytes(1000).build())) {
            IngestReport r = small.ingest(List.of(big));
            assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("file too large"));
        }
    }

    @Test
    void should_keep_answering_searches_while_an_ingest_runs() throws Exception {
        Path many = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(many.resolve("room-" + i + ".md"), "# 房间" + i + "\n\n第" + i + "号房间的钥匙在前台登记领取。机器人在" + i + "号房间内限速每秒0.5米。\n");
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger searches = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    sizes.add(kb.search("实验室内禁止饮食", 3).size());
                    searches.incrementAndGet();
                } catch (Throwable t) {
                    errors.add(t);
                }
            }
        });
        reader.start();
        IngestReport r = kb.ingest(List.of(many));
        done.set(true);
        reader.join();
        assertThat(r.count(FileOutcome.Status.ADDED)).isEqualTo(12);
        assertThat(errors).isEmpty();
        assertThat(searches.get()).isPositive();
        assertThat(sizes).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void should_refuse_an_index_built_with_other_embedding_models() {
        kb.close();
        KnowledgeOptions zhOnly = KnowledgeOptions.builder().optEnglishEmbeddingModel(null, null).build();
        assertThatThrownBy(() -> KnowledgeBase.open(index, zhOnly)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("bge-small-en-v1.5-q").hasMessageContaining("re-ingest");
        kb = KnowledgeBase.open(index);
    }

    @Test
    void should_refuse_a_folder_that_is_not_an_index() throws Exception {
        assertThatThrownBy(() -> KnowledgeBase.open(docs)).isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("not a ClassBot index");
        assertThat(Files.list(docs)).hasSize(2); // nothing was written there
    }
}
