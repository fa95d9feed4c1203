package org.classbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a forked JVM in the middle of an ingest and checks that the index opens and holds every
 * file either fully in its old version or fully in its new one.
 */
class CrashSafetyTest {
    static final int FILES = 16;

    @TempDir
    Path tmp;

    /** The child: ingests a folder and prints one line per file committed. */
    public static final class IngestChild {
        public static void main(String[] args) {
            try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
                kb.ingest(List.of(Path.of(args[1])), new IngestListener() {
                    @Override
                    public void fileDone(FileOutcome o) {
                        System.out.println("committed " + o.doc() + " " + o.status());
                        System.out.flush();
                    }
                });
            }
            System.out.println("finished");
        }
    }

    private static void writeVersion(Path docs, String version, int sentences) throws Exception {
        for (int i = 0; i < FILES; i++) {
            StringBuilder b = new StringBuilder("# Rule " + i + "\n\n");
            for (int s = 0; s < sentences; s++) {
                b.append("Version ").append(version).append(" of rule ").append(i).append(" says sentence ").append(s)
                        .append(" about keeping the robot lab safe and tidy for everyone. ");
            }
            Files.writeString(docs.resolve("rule-" + i + ".md"), b.toString());
        }
    }

    @Test
    void should_leave_each_file_fully_old_or_fully_new_after_kill_9_mid_ingest() throws Exception {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path index = tmp.resolve("index");
        writeVersion(docs, "old", 2);
        int oldChunks;
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            kb.ingest(List.of(docs));
            oldChunks = kb.list().get(0).chunks();
        }
        writeVersion(docs, "new", 6);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the class path travels in the environment: a long -cp on the command line crashes ONNX Runtime 1.29's
        // native start-up (it reads the command line into a fixed buffer)
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR", tmp.resolve("djl").toString()),
                IngestChild.class.getName(), index.toString(), docs.toString()).redirectErrorStream(true);
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process child = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int committed = 0;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("committed") && ++committed == 3) {
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lines).as("child output").anyMatch(l -> l.startsWith("committed"));

        float[] anyDirection = new float[512];
        Arrays.fill(anyDirection, 1f);
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            List<IndexedFile> files = kb.list();
            assertThat(files).hasSize(FILES);
            int updated = 0;
            for (IndexedFile f : files) {
                List<String> texts = kb.embeddingStore().search(dev.langchain4j.store.embedding.EmbeddingSearchRequest.builder()
                                .queryEmbedding(dev.langchain4j.data.embedding.Embedding.from(anyDirection))
                                .filter(dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey(KnowledgeBase.META_SOURCE).isEqualTo(f.source()))
                                .maxResults(100).minScore(0.0).build())
                        .matches().stream().map(m -> m.embedded().text()).toList();
                assertThat(texts).hasSize(f.chunks());
                boolean allNew = texts.stream().allMatch(t -> t.contains("Version new"));
                boolean allOld = texts.stream().allMatch(t -> t.contains("Version old"));
                assertThat(allNew || allOld).as(f.doc() + " is all old or all new").isTrue();
                if (allNew) {
                    updated++;
                    assertThat(f.chunks()).isGreaterThan(oldChunks);
                } else {
                    assertThat(f.chunks()).isEqualTo(oldChunks);
                }
            }
            assertThat(updated).as("files updated before the kill").isBetween(3, FILES - 1);
            // and the index still takes writes: finishing the ingest brings every file to the new version
            kb.ingest(List.of(docs));
            assertThat(kb.list()).allSatisfy(f -> assertThat(f.chunks()).isGreaterThan(oldChunks));
            assertThat(Map.of("files", kb.list().size())).containsEntry("files", FILES);
        }
    }
}
