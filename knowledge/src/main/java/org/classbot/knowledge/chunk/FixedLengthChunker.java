package org.classbot.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;

/** Windows of {@code maxChars} characters (code points), each starting {@code maxChars - overlap} after the previous. */
public final class FixedLengthChunker implements Chunker {
    private final int maxChars;
    private final int overlap;

    public FixedLengthChunker(int maxChars, int overlap) {
        this.maxChars = maxChars;
        this.overlap = overlap;
    }

    @Override
    public List<String> split(String text) {
        int[] cps = text.strip().codePoints().toArray();
        List<String> out = new ArrayList<>();
        if (cps.length == 0) {
            return out;
        }
        int step = maxChars - overlap;
        for (int start = 0; ; start += step) {
            int end = Math.min(cps.length, start + maxChars);
            String piece = new String(cps, start, end - start).strip();
            if (!piece.isEmpty()) {
                out.add(piece);
            }
            if (end == cps.length) {
                break;
            }
        }
        return out;
    }
}
