package org.classbot.knowledge.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.classbot.knowledge.chunk.Languages;
import org.classbot.knowledge.chunk.SentenceSplitter;
import org.classbot.knowledge.embed.Embedder;

/**
 * The offline answer: the passages' sentences closest to the question (cosine of embeddings plus the share
 * of question terms they contain), at most {@code maxSentences}, each followed by its citation [n].
 */
public final class ExtractiveAnswerer {
    private static final double KEYWORD_WEIGHT = 0.25;
    private static final double NEAR_BEST = 0.06;
    private static final double RANK_BONUS = 0.01;
    private static final int MAX_CHARS = 260;

    private final Embedder embedder;
    private final Function<String, List<String>> terms;
    private final int maxSentences;

    public ExtractiveAnswerer(Embedder embedder, Function<String, List<String>> terms, int maxSentences) {
        this.embedder = embedder;
        this.terms = terms;
        this.maxSentences = maxSentences;
    }

    private record Scored(int passage, int position, String sentence, double score) {
    }

    /**
     * A sentence in the other language than the question's is scored by a model that does not match across
     * languages (its cosine means little): answer from the question's language when the passages have it.
     */
    static void keepQuestionLanguage(String question, List<String> texts, List<int[]> where) {
        boolean zh = Languages.isChinese(question);
        boolean any = texts.stream().anyMatch(t -> Languages.isChinese(t) == zh);
        if (!any) {
            return;
        }
        for (int i = texts.size() - 1; i >= 0; i--) {
            if (Languages.isChinese(texts.get(i)) != zh) {
                texts.remove(i);
                where.remove(i);
            }
        }
    }

    public Composed answer(String question, float[] questionVector, List<Passage> passages) {
        List<Scored> all = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<int[]> where = new ArrayList<>();
        for (Passage p : passages) {
            List<String> sentences = SentenceSplitter.withRunInHeadings(SentenceSplitter.split(p.text()));
            for (int i = 0; i < sentences.size(); i++) {
                String s = sentences.get(i);
                if (s.codePointCount(0, s.length()) >= 4 && !s.equals(p.heading())) {
                    texts.add(s);
                    where.add(new int[] {p.number(), i});
                }
            }
        }
        keepQuestionLanguage(question, texts, where);
        if (texts.isEmpty()) {
            return new Composed("", List.of());
        }
        List<float[]> vectors = embedder.embedAll(texts);
        Set<String> q = new HashSet<>(terms.apply(question));
        for (int i = 0; i < texts.size(); i++) {
            double cos = Embedder.cosine(questionVector, vectors.get(i));
            double cover = 0;
            if (!q.isEmpty()) {
                Set<String> st = new HashSet<>(terms.apply(texts.get(i)));
                cover = q.stream().filter(st::contains).count() / (double) q.size();
            }
            // earlier passages rank higher: a small tie-breaker, never more than a keyword
            double rankBonus = RANK_BONUS * (passages.size() - where.get(i)[0]);
            all.add(new Scored(where.get(i)[0], where.get(i)[1], texts.get(i), cos + KEYWORD_WEIGHT * cover + rankBonus));
        }
        all.sort(Comparator.comparingDouble(Scored::score).reversed());
        double best = all.get(0).score();
        List<Scored> chosen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int chars = 0;
        for (Scored s : all) {
            if (chosen.size() >= maxSentences || s.score() < best - NEAR_BEST) {
                break;
            }
            int len = s.sentence().codePointCount(0, s.sentence().length());
            if (!chosen.isEmpty() && chars + len > MAX_CHARS) {
                continue;
            }
            if (seen.add(s.sentence())) { // overlapping chunks repeat sentences
                chosen.add(s);
                chars += len;
            }
        }
        chosen.sort(Comparator.comparingInt(Scored::passage).thenComparingInt(Scored::position));
        // renumber citations 1..m in order of first use
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Scored s : chosen) {
            int n = numbers.computeIfAbsent(s.passage(), k -> numbers.size() + 1);
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(s.sentence()).append(Languages.isChinese(s.sentence()) ? "[" : " [").append(n).append(']');
        }
        return new Composed(text.toString(), new ArrayList<>(numbers.keySet()));
    }
}
