package org.classbot.knowledge.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeOptions;
import org.classbot.knowledge.chunk.ChunkingOptions;
import org.classbot.knowledge.chunk.Languages;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.retrieve.RetrievalOptions;

/**
 * The ablation of issue 13 on one labelled set ({@code -Deval.set=eval-rules}): chunking (sentence vs article),
 * the BGE query instruction, the BM25 confidence gate, and the dictionary translation, each alone and together;
 * plus the dense-only baseline (the same bge-small-zh over one-line chunks, cosine top 3, with and without the
 * instruction). Evidence@3 per column: a top-3 passage from an expected document holds the expected words.
 *
 * <p>Run: {@code JAVA_OPTS="-Deval.set=eval-rules -Ddictionary=…/all.js" launch/scripts/bench-knowledge.sh ablation [-v]}.
 */
public final class AblationEval {
    /** The gate tried for "fusion" rows; {@code -Dgates=0.1,0.2,0.4} adds a sweep on the article index. */
    static final double GATE = Double.parseDouble(System.getProperty("gate", String.valueOf(RetrievalOptions.DEFAULT.bm25Gate() > 0
            ? RetrievalOptions.DEFAULT.bm25Gate() : 0.3)));

    private AblationEval() {
    }

    public static void main(String[] args) throws IOException {
        boolean verbose = args.length > 0 && args[0].equals("-v");
        Path work = Files.createTempDirectory("classbot-ablation");
        try {
            System.out.printf(Locale.ROOT, "set %s: %d questions%n", RetrievalEval.SET, RetrievalEval.questions().size());
            if (!Boolean.getBoolean("skipDense")) {
                dense(false, verbose);
                dense(true, verbose);
            }
            KnowledgeOptions plain = KnowledgeOptions.defaults();
            String dict = System.getProperty("dictionary");
            KnowledgeOptions translated = dict == null ? plain : plain.toBuilder().optDictionary(Path.of(dict)).build();
            RetrievalOptions off = RetrievalOptions.DEFAULT.withBm25Gate(0).withQueryInstruction(false);
            for (ChunkingOptions.Strategy st : strategies()) {
                Path index = work.resolve(st.name().toLowerCase(Locale.ROOT));
                ChunkingOptions c = new ChunkingOptions(st, ChunkingOptions.DEFAULT.maxChars(), ChunkingOptions.DEFAULT.overlap());
                KnowledgeOptions p = plain.toBuilder().optChunking(c).build();
                KnowledgeOptions t = translated.toBuilder().optChunking(c).build();
                long t0 = System.nanoTime();
                int chunks;
                try (KnowledgeBase kb = KnowledgeBase.open(index, p)) {
                    chunks = kb.ingest(List.of(RetrievalEval.documents())).files().stream().mapToInt(o -> o.chunks()).sum();
                }
                String s = st.name().toLowerCase(Locale.ROOT);
                System.out.printf(Locale.ROOT, "%s chunks: %d passages, ingest %.1f s%n", s, chunks, (System.nanoTime() - t0) / 1e9);
                List<RetrievalEval.Report> rows = new ArrayList<>();
                RetrievalOptions all = off.withBm25Gate(GATE).withQueryInstruction(true);
                rows.add(RetrievalEval.run(index, p, off, s + " base", true));
                rows.add(RetrievalEval.run(index, p, off.withQueryInstruction(true), s + " +instr", true));
                rows.add(RetrievalEval.run(index, p, off.withBm25Gate(GATE), s + " +gate", true));
                if (dict != null) {
                    rows.add(RetrievalEval.run(index, t, off, s + " +dict", true));
                }
                rows.add(RetrievalEval.run(index, p, all, s + " +instr+gate", true));
                rows.add(RetrievalEval.run(index, t, all, s + " +instr+gate+dict", true));
                rows.add(RetrievalEval.run(index, t, all, s + " all, no floor", false));
                rows.add(RetrievalEval.run(index, p, off.withQueryInstruction(true).withMode(RetrievalOptions.Mode.VECTOR), s + " vector only+instr", false));
                if (st == ChunkingOptions.Strategy.ARTICLE && System.getProperty("gates") != null) {
                    for (String g : System.getProperty("gates").split(",")) {
                        double gv = Double.parseDouble(g);
                        rows.add(RetrievalEval.run(index, t, off.withBm25Gate(gv).withQueryInstruction(true), s + " gate " + g + "+instr", true));
                        rows.add(RetrievalEval.run(index, t, off.withBm25Gate(gv), s + " gate " + g, true));
                    }
                }
                for (RetrievalEval.Report r : rows) {
                    System.out.println(r);
                    if (verbose) {
                        r.misses().forEach(m -> System.out.println("    miss " + m));
                    }
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** {@code -Dstrategies=sentence,article,auto} (default: sentence and article). */
    static List<ChunkingOptions.Strategy> strategies() {
        return java.util.Arrays.stream(System.getProperty("strategies", "sentence,article").split(",")).map(ChunkingOptions.Strategy::parse).toList();
    }

    /** One line of a document, the passage unit of the dense-only recipe. */
    record Line(String doc, String text) {
    }

    /** Dense-only baseline: bge-small-zh over every non-empty line, exact cosine, top 3 (no floor: unrelated questions are left out). */
    static void dense(boolean instruction, boolean verbose) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(RetrievalEval.documents())) {
            for (Path f : files.sorted().toList()) {
                for (String l : Files.readString(f, StandardCharsets.UTF_8).split("\\R")) {
                    String t = l.replaceFirst("^#+\\s*", "").strip();
                    if (!t.isEmpty()) {
                        lines.add(new Line(f.getFileName().toString(), t));
                    }
                }
            }
        }
        Embedder e = Embedder.bgeSmallZh();
        List<float[]> vectors = e.embedAll(lines.stream().map(Line::text).toList());
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        for (RetrievalEval.Question q : RetrievalEval.questions()) {
            if (q.expect().isEmpty()) {
                continue;
            }
            float[] qv = e.embed((instruction && Languages.isChinese(q.text()) ? RetrievalOptions.BGE_ZH_INSTRUCTION : "") + q.text());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> -Embedder.cosine(qv, vectors.get(i))));
            boolean ok = false;
            for (int i : order.subList(0, 3)) {
                Line l = lines.get(i);
                ok |= q.expect().stream().anyMatch(x -> x.doc().equals(l.doc()) && l.text().contains(x.contains()));
            }
            int[] c = counts.computeIfAbsent(q.group(), g -> new int[2]);
            c[0]++;
            c[1] += ok ? 1 : 0;
            if (!ok) {
                misses.add(q.group() + ": " + q.text() + " -> " + lines.get(order.get(0)).doc() + " " + lines.get(order.get(0)).text());
            }
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-22s", "dense lines" + (instruction ? " +instr" : "")));
        counts.forEach((g, c) -> b.append(String.format(Locale.ROOT, "  %s %d/%d = %.2f", g, c[1], c[0], c[1] / (double) c[0])));
        System.out.println(b + "  (" + lines.size() + " lines)");
        if (verbose) {
            misses.forEach(m -> System.out.println("    miss " + m));
        }
    }
}
