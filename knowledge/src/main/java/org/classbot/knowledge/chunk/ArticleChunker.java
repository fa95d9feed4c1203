package org.classbot.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structure-aware chunking for regulations and rule lists: a line that starts an article (第N条) or a numbered
 * rule ("3." "3、") starts a new chunk, so each rule is its own passage instead of sharing one with its
 * neighbours; sub-items of an article ((一) ①) stay with it. An article longer than {@code maxChars} is packed
 * by sentences with overlap ({@link SentenceChunker}); text before the first article is chunked the same way.
 */
public final class ArticleChunker implements Chunker {
    /** A line that starts an article or a top-level numbered rule. */
    static final Pattern ARTICLE = Pattern.compile("(?m)^[ \\t\\u3000]*(第[一二三四五六七八九十百零〇两0-9０-９]+条|[0-9]{1,2}[.、．](?![0-9]))");

    private final int maxChars;
    private final SentenceChunker sentences;

    public ArticleChunker(int maxChars, int overlap) {
        this.maxChars = maxChars;
        this.sentences = new SentenceChunker(maxChars, overlap);
    }

    @Override
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String article : articles(text)) {
            if (article.codePointCount(0, article.length()) <= maxChars) {
                out.add(joinLines(article));
            } else {
                out.addAll(sentences.split(article));
            }
        }
        return out;
    }

    /** The text cut before every article start; blank pieces dropped. */
    static List<String> articles(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = ARTICLE.matcher(text);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                add(out, text.substring(from, m.start()));
            }
            from = m.start();
        }
        add(out, text.substring(from));
        return out;
    }

    private static void add(List<String> out, String piece) {
        if (!piece.isBlank()) {
            out.add(piece.strip());
        }
    }

    /** An article's lines as one passage: Chinese lines join without a space, others with one. */
    static String joinLines(String article) {
        String[] lines = article.strip().split("\\s*\\n\\s*");
        StringBuilder b = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            boolean cjk = b.length() > 0 && SentenceSplitter.isCjk(b.charAt(b.length() - 1)) && SentenceSplitter.isCjk(lines[i].charAt(0));
            b.append(cjk ? "" : " ").append(lines[i]);
        }
        return b.toString();
    }
}
