package org.classbot.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.classbot.knowledge.load.Section;

/**
 * Structure-aware chunking for regulations and rule lists: a line that starts an article (第N条) or a numbered
 * rule ("3." "3、") starts a new chunk, so each rule is its own passage instead of sharing one with its
 * neighbours; sub-items of an article ((一) ①) stay with it. An article longer than {@code maxChars} is packed
 * by sentences with overlap ({@link SentenceChunker}); text before the first article is chunked the same way.
 *
 * <p>With a title ({@link #chunk(String, List)}, what ingest calls) every chunk's heading is the heading path
 * "title › chapter" (embedded before the passage and shown with it), and an article with items on their own
 * lines ((一) ① (1) 1)) becomes one child chunk per item — the article's lead sentence followed by the item — whose
 * parent is the whole article: the item is what a question matches, the article is what a hit shows, and items
 * of one article found together are returned once.
 */
public final class ArticleChunker implements Chunker {
    /** A line that starts an article or a top-level numbered rule. */
    static final Pattern ARTICLE = Pattern.compile("(?m)^[ \\t\\u3000]*(第[一二三四五六七八九十百零〇两0-9０-９]+条|[0-9]{1,2}[.、．](?![0-9]))");

    /** A line that starts an item of an article. */
    static final Pattern ITEM = Pattern.compile("^[ \\t\\u3000]*([（(][一二三四五六七八九十0-9]+[）)]|[\\u2460-\\u2473]|[0-9]{1,2}[）)])");
    /** The separator of a heading path. */
    public static final String PATH_SEPARATOR = " › ";
    /** An article longer than this keeps its items as separate chunks without a parent (too long to show whole). */
    private static final int MAX_PARENT = 1200;

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

    @Override
    public List<TextChunk> chunk(String title, List<Section> sections) {
        List<TextChunk> out = new ArrayList<>();
        for (Section s : sections) {
            String path = path(title, s.heading());
            for (String article : articles(s.text())) {
                List<String> items = items(article);
                if (items.size() < 2) {
                    for (String piece : split(article)) {
                        out.add(new TextChunk(piece, s.page(), path));
                    }
                    continue;
                }
                String lead = joinLines(items.get(0));
                String parent = article.codePointCount(0, article.length()) <= MAX_PARENT ? joinLines(article) : "";
                for (String item : items.subList(1, items.size())) {
                    String child = lead.isEmpty() ? joinLines(item) : lead + joinLines(item);
                    if (child.codePointCount(0, child.length()) <= maxChars) {
                        out.add(new TextChunk(child, s.page(), path, parent));
                    } else {
                        sentences.split(child).forEach(p -> out.add(new TextChunk(p, s.page(), path, parent)));
                    }
                }
            }
        }
        return out;
    }

    /** "title › chapter", or the one that is there; the title is left out when the section heading is the title. */
    static String path(String title, String heading) {
        if (title == null || title.isBlank() || heading.equals(title) || heading.startsWith(title + PATH_SEPARATOR)) {
            return heading;
        }
        return heading.isEmpty() ? title : title + PATH_SEPARATOR + heading;
    }

    /** An article's lead (the text before its first item, possibly "") followed by its items; one element when it has no items. */
    static List<String> items(String article) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean any = false;
        for (String line : article.split("\\n")) {
            if (ITEM.matcher(line).find()) {
                out.add(cur.toString().strip());
                cur.setLength(0);
                any = true;
            }
            cur.append(line).append('\n');
        }
        out.add(cur.toString().strip());
        return any ? out : List.of(article);
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
            boolean cjk = b.length() > 0 && wide(b.charAt(b.length() - 1)) && wide(lines[i].charAt(0));
            b.append(cjk ? "" : " ").append(lines[i]);
        }
        return b.toString();
    }

    /** Han text, full-width punctuation (；（）：) and circled numbers (①) join lines without a space. */
    private static boolean wide(char c) {
        return SentenceSplitter.isCjk(c) || (c >= '\u3000' && c <= '\u303f') || (c >= '\uff00' && c <= '\uffef') || (c >= '\u2460' && c <= '\u24ff');
    }
}
