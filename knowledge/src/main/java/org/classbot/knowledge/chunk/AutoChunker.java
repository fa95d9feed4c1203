package org.classbot.knowledge.chunk;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.classbot.knowledge.load.Section;

/**
 * {@code knowledge.chunk.strategy: auto}: a document shaped like a Chinese regulation — at least
 * {@value #MIN_MARKS} lines that start an article (第N条), an item ((一) ①) or a numbered Chinese rule ("3. 不得…") — is cut by {@link ArticleChunker}
 * (one passage per rule, heading paths, items as children of their article); any other document by
 * {@link SentenceChunker}. Measured: article chunks lift paraphrased questions on regulations and cost them
 * on the project's prose-like rule lists (knowledge/README.md).
 */
public final class AutoChunker implements Chunker {
    static final int MIN_MARKS = 3;
    private static final Pattern MARK = Pattern.compile("(?m)^[ \\t\\u3000]*(第[一二三四五六七八九十百零〇两0-9０-９]+条|[（(][一二三四五六七八九十]+[）)]|[\\u2460-\\u2473]|[0-9]{1,2}[.、．][ \\t\\u3000]*\\p{IsHan})");

    private final ArticleChunker article;
    private final SentenceChunker sentence;

    public AutoChunker(int maxChars, int overlap) {
        this.article = new ArticleChunker(maxChars, overlap);
        this.sentence = new SentenceChunker(maxChars, overlap);
    }

    @Override
    public List<String> split(String text) {
        return regulation(text) ? article.split(text) : sentence.split(text);
    }

    /** Decided per document, as in {@link #chunk(String, List)}, without a title. */
    @Override
    public List<TextChunk> chunk(List<Section> sections) {
        return chunk("", sections);
    }

    @Override
    public List<TextChunk> chunk(String title, List<Section> sections) {
        StringBuilder all = new StringBuilder();
        sections.forEach(s -> all.append(s.text()).append('\n'));
        return regulation(all.toString()) ? article.chunk(title, sections) : sentence.chunk(sections);
    }

    /** Whether a text has at least {@value #MIN_MARKS} lines starting an article or an item. */
    static boolean regulation(String text) {
        Matcher m = MARK.matcher(text);
        int n = 0;
        while (n < MIN_MARKS && m.find()) {
            n++;
        }
        return n >= MIN_MARKS;
    }
}
