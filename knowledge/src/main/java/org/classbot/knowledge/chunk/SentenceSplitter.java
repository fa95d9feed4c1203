package org.classbot.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits mixed Chinese/English text into sentences. Ends a sentence after 。！？；… (and their full-width
 * forms), after ! and ?, after a '.' followed by white space or a CJK character (so "3.5 m/s" and
 * "e.g." inside a word stay whole), and at line breaks. Closing quotes and brackets stay with their sentence.
 */
public final class SentenceSplitter {
    private SentenceSplitter() {
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                flush(cur, out);
                continue;
            }
            cur.append(c);
            if (isTerminal(text, i)) {
                while (i + 1 < n && isCloser(text.charAt(i + 1))) {
                    cur.append(text.charAt(++i));
                }
                flush(cur, out);
            }
        }
        flush(cur, out);
        return out;
    }

    private static boolean isTerminal(String t, int i) {
        char c = t.charAt(i);
        switch (c) {
            case '。', '！', '？', '；', '…', '!', '?', '．':
                // "……" and "?!" end once, at the last mark
                return i + 1 >= t.length() || !isTerminalMark(t.charAt(i + 1));
            case '.':
                if (i + 1 >= t.length()) {
                    return true;
                }
                char next = t.charAt(i + 1);
                if (next == '.') {
                    return false;
                }
                if (Character.isWhitespace(next) || isCjk(next) || isCloser(next)) {
                    // "e.g. the" and "Dr. Li": a short lower-case abbreviation before the dot is not an end
                    return !isAbbreviation(t, i);
                }
                return false;
            default:
                return false;
        }
    }

    private static boolean isTerminalMark(char c) {
        return "。！？；…!?．".indexOf(c) >= 0;
    }

    private static boolean isAbbreviation(String t, int dot) {
        int s = dot;
        while (s > 0 && Character.isLetter(t.charAt(s - 1))) {
            s--;
        }
        String word = t.substring(s, dot).toLowerCase(java.util.Locale.ROOT);
        return word.equals("e") || word.equals("g") || word.equals("i") || word.equals("dr") || word.equals("mr")
                || word.equals("ms") || word.equals("no") || word.equals("vs") || word.equals("fig");
    }

    /**
     * Sentences as worth their own vector or answer line: a fragment of fewer than three words (or five Han characters), like the run-in heading "Opening hours." of
     * "2. Opening hours. The lab is open…", says nothing alone: it is joined to the sentence after it.
     */
    public static List<String> withRunInHeadings(List<String> sentences) {
        List<String> out = new ArrayList<>();
        String pending = null;
        for (String s : sentences) {
            if (s.codePoints().noneMatch(Character::isLetter)) {
                continue; // a list number such as "4."
            }
            String joined = pending == null ? s : pending + (Languages.isChinese(s) ? "" : " ") + s;
            if (isFragment(s)) {
                pending = joined;
            } else {
                out.add(joined);
                pending = null;
            }
        }
        if (pending != null) {
            out.add(pending);
        }
        return out;
    }

    private static boolean isFragment(String s) {
        long han = Languages.hanCount(s);
        if (han > 0) {
            return han < 5;
        }
        return s.strip().split("\\s+").length < 3;
    }

    static boolean isCloser(char c) {
        return "”’\"'」』）)】]》".indexOf(c) >= 0;
    }

    static boolean isCjk(char c) {
        return Languages.isHan(c) || (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFFEF');
    }

    private static void flush(StringBuilder cur, List<String> out) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
