package org.classbot.launch.kb;

import org.classbot.launch.app.Json;
import org.classbot.launch.app.CliRunner;

import static org.classbot.launch.app.CliRunner.run;
import org.classbot.launch.app.CliRunner.Run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code classbot kb ...} and {@code classbot ask} in-process on a real index of the bundled sample documents
 * (launch/samples/kb), ingested once for the class.
 */
class KbCommandTest {
    @TempDir
    static Path tmp;
    static Path index;
    static final Path SAMPLES = Path.of("samples", "kb");

    @BeforeAll
    static void ingest_the_samples() throws Exception {
        index = tmp.resolve("index");
        Run r = run("kb", "ingest", SAMPLES.toString(), "--index", index.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.at("/summary/added").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(doc.at("/summary/failed").asInt()).isZero();
    }

    @Test
    void should_search_with_the_design_json_shape() throws Exception {
        Run r = run("kb", "search", "实验室里可以吃东西吗？", "--index", index.toString(), "--k", "2", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode hits = Json.MAPPER.readTree(r.out()).get("hits");
        assertThat(hits).hasSize(2);
        JsonNode first = hits.get(0);
        assertThat(List.of(first.fieldNames().next(), first.size())).containsExactly("doc", 4);
        assertThat(hits).anySatisfy(h -> {
            assertThat(h.get("doc").asText()).isEqualTo("lab-rules.zh.md");
            assertThat(h.get("text").asText()).contains("禁止饮食");
        });
        assertThat(first.get("chunk").isInt()).isTrue();
        assertThat(first.get("score").isNumber()).isTrue();
    }

    @Test
    void should_add_the_numbers_behind_each_hit_with_explain() throws Exception {
        Run r = run("kb", "search", "Where is the first aid kit?", "--index", index.toString(), "--json", "--explain");
        JsonNode e = Json.MAPPER.readTree(r.out()).at("/hits/0/explain");
        assertThat(e.has("bm25")).isTrue();
        assertThat(e.get("bm25_rank").asInt()).isPositive();
        assertThat(e.get("cosine").asDouble()).isBetween(0.0, 1.0);
        assertThat(e.get("vector_rank").asInt()).isPositive();
        assertThat(e.get("sentence_cosine").asDouble()).isGreaterThanOrEqualTo(e.get("cosine").asDouble() - 1e-3);
        assertThat(e.get("sentence_rank").asInt()).isPositive();
        assertThat(e.get("fused").asDouble()).isPositive();
        Run text = run("kb", "search", "Where is the first aid kit?", "--index", index.toString(), "--explain", "--k", "1");
        assertThat(text.out()).contains("lab-rules.en.md").contains("BM25").contains("余弦 cosine").contains("best-sentence cosine").contains("融合 fused");
    }

    @Test
    void should_answer_a_batch_with_one_json_line_per_query_in_order() throws Exception {
        Path batch = tmp.resolve("queries.txt");
        Files.writeString(batch, "How fast may a robot drive in the classroom?\n\n电池鼓包了怎么办？\nWhat is the capital of France?\n");
        Run r = run("kb", "search", "--batch", batch.toString(), "--index", index.toString(), "--k", "1", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().strip().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(Json.MAPPER.readTree(lines.get(0)).at("/hits/0/text").asText()).contains("0.5 metres per second");
        assertThat(Json.MAPPER.readTree(lines.get(1)).get("hits")).isEmpty();
        assertThat(Json.MAPPER.readTree(lines.get(2)).at("/hits/0/doc").asText()).isEqualTo("充电与电池.zh.txt");
        assertThat(Json.MAPPER.readTree(lines.get(3)).get("hits")).isEmpty();
    }

    @Test
    void should_ask_with_citations_and_say_not_found_for_other_topics() throws Exception {
        Run r = run("ask", "谁可以单独操作机器人？", "--index", index.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.get("answer").asText()).contains("绿色操作证").contains("[1]");
        assertThat(doc.at("/citations/0/doc").asText()).isEqualTo("谁可以操作机器人.zh.txt");
        assertThat(doc.at("/citations/0/text").asText()).contains("绿色操作证");
        Run none = run("ask", "What is the capital of France?", "--index", index.toString(), "--json");
        JsonNode n = Json.MAPPER.readTree(none.out());
        assertThat(n.get("answer").asText()).isEqualTo("not found in the knowledge base / 知识库中没有找到相关内容");
        assertThat(n.get("citations")).isEmpty();
        Run text = run("ask", "How fast may a robot drive in the classroom?", "--index", index.toString());
        assertThat(text.out()).contains("答 / Answer:").contains("0.5 metres per second").contains("出处 / Sources:").contains("robot-operation.en.html");
    }

    @Test
    void should_list_reingest_nothing_and_delete_a_document() throws Exception {
        Path own = tmp.resolve("own-index");
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# 急停\n\n遇到危险立即按下红色急停按钮。\n");
        Files.writeString(docs.resolve("b.txt"), "Charge batteries only in the fireproof bag.\n");
        assertThat(run("kb", "ingest", docs.toString(), "--index", own.toString()).exit()).isZero();
        Run again = run("kb", "ingest", docs.toString(), "--index", own.toString(), "--json");
        assertThat(Json.MAPPER.readTree(again.out()).at("/summary/unchanged").asInt()).isEqualTo(2);
        assertThat(Json.MAPPER.readTree(again.out()).at("/summary/chunks_written").asInt()).isZero();
        JsonNode list = Json.MAPPER.readTree(run("kb", "list", "--index", own.toString(), "--json").out());
        assertThat(list.get("files")).extracting(f -> f.get("doc").asText()).containsExactlyInAnyOrder("a.md", "b.txt");
        Run del = run("kb", "delete", "a.md", "--index", own.toString(), "--json");
        assertThat(del.exit()).as(del.err()).isZero();
        assertThat(Json.MAPPER.readTree(del.out()).at("/deleted/0/doc").asText()).isEqualTo("a.md");
        assertThat(run("kb", "list", "--index", own.toString()).out()).contains("b.txt").doesNotContain("a.md");
        assertThat(Files.exists(docs.resolve("a.md"))).isTrue();
    }

    @Test
    void should_exit_2_with_one_line_on_bad_input() throws Exception {
        Path missing = tmp.resolve("missing-index");
        for (String[] args : List.of(
                new String[] {"kb", "search", "x", "--index", missing.toString()},
                new String[] {"ask", "实验室里可以吃东西吗？", "--index", missing.toString()},
                new String[] {"kb", "ingest", tmp.resolve("no-such-folder").toString(), "--index", missing.toString()},
                new String[] {"kb", "search", "   ", "--index", index.toString()},
                new String[] {"kb", "search", "x", "--k", "0", "--index", index.toString()},
                new String[] {"kb", "search", "--batch", tmp.resolve("none.txt").toString(), "--index", index.toString()},
                new String[] {"kb", "delete", "nope.md", "--index", index.toString()},
                new String[] {"kb", "search", "x", "--index", SAMPLES.toString()})) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args) + " → " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
        assertThat(Files.exists(missing)).as("nothing created for a failed command").isFalse();
    }

    @Test
    void should_exit_2_when_another_writer_holds_the_index() throws Exception {
        Path own = tmp.resolve("locked-index");
        Path docs = Files.createDirectories(tmp.resolve("locked-docs"));
        Files.writeString(docs.resolve("a.md"), "# 急停\n\n遇到危险立即按下红色急停按钮。\n");
        assertThat(run("kb", "ingest", docs.toString(), "--index", own.toString()).exit()).isZero();
        Files.writeString(docs.resolve("a.md"), "# 急停\n\n急停后须由老师复位。\n");
        try (org.apache.lucene.store.FSDirectory dir = org.apache.lucene.store.FSDirectory.open(own);
             org.apache.lucene.index.IndexWriter writer = new org.apache.lucene.index.IndexWriter(dir,
                     new org.apache.lucene.index.IndexWriterConfig())) {
            Run r = run("kb", "ingest", docs.toString(), "--index", own.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("being written by another ClassBot process");
            // searches still work while the writer holds the lock, and see the old version
            Run s = run("kb", "search", "急停按钮", "--index", own.toString(), "--json");
            assertThat(s.exit()).isZero();
            assertThat(s.out()).contains("红色急停按钮");
            writer.rollback();
        }
    }

    @Test
    void should_report_a_corrupt_file_and_ingest_the_rest_with_exit_2() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("mixed"));
        Files.writeString(docs.resolve("broken.docx"), "not a word file");
        Files.writeString(docs.resolve("ok.md"), "# 规则\n\n离开时关灯。\n");
        Path own = tmp.resolve("mixed-index");
        Run r = run("kb", "ingest", docs.toString(), "--index", own.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("broken.docx").contains("cannot read docx file");
        assertThat(r.out()).contains("ok.md").contains("1 added");
        assertThat(run("kb", "list", "--index", own.toString(), "--json").out()).contains("ok.md");
    }
}
