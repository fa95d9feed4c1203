package org.classbot.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs whole sentences into chunks of at most {@code maxChars}; the next chunk starts with the last
 * sentences of the previous one that fit in {@code overlap} characters. A sentence longer than
 * {@code maxChars} is cut by the fixed-length strategy.
 */
public final class SentenceChunker implements Chunker {
    private final int maxChars;
    private final int overlap;
    private final FixedLengthChunker fallback;

    public SentenceChunker(int maxChars, int overlap) {
        this.maxChars = maxChars;
        this.overlap = overlap;
        this.fallback = new FixedLengthChunker(maxChars, overlap);
    }

    @Override
    public List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        for (String s : SentenceSplitter.split(text)) {
            if (length(s) > maxChars) {
                sentences.addAll(fallback.split(s));
            } else {
                sentences.add(s);
            }
        }
        List<String> chunks = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        int curLen = 0;
        boolean curHasNew = false;
        for (String s : sentences) {
            int add = length(s) + (cur.isEmpty() ? 0 : 1);
            if (!cur.isEmpty() && curLen + add > maxChars) {
                chunks.add(join(cur));
                // carry the tail sentences that fit in the overlap
                List<String> tail = new ArrayList<>();
                int tailLen = 0;
                for (int i = cur.size() - 1; i >= 0; i--) {
                    int l = length(cur.get(i)) + (tail.isEmpty() ? 0 : 1);
                    if (tailLen + l > overlap || tailLen + l + 1 + length(s) > maxChars) {
                        break;
                    }
                    tail.add(0, cur.get(i));
                    tailLen += l;
                }
                cur = tail;
                curLen = tailLen;
                curHasNew = false;
                add = length(s) + (cur.isEmpty() ? 0 : 1);
            }
            cur.add(s);
            curLen += add;
            curHasNew = true;
        }
        if (!cur.isEmpty() && curHasNew) {
            chunks.add(join(cur));
        }
        return chunks;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Chinese sentences join without a space, English ones with one. */
    private static String join(List<String> parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (b.length() > 0) {
                char last = b.charAt(b.length() - 1);
                if (!(SentenceSplitter.isCjk(last) && SentenceSplitter.isCjk(p.charAt(0)))) {
                    b.append(' ');
                }
            }
            b.append(p);
        }
        return b.toString();
    }
}
