package org.classbot.agent.plan.offline;

/**
 * Length-preserving normalisation, so that offsets in the normalised text are offsets in the text as
 * typed (speak texts and questions are cut from the original).
 */
final class Text {

    /** Replaces the inside of quotes when splitting, so that a quoted sentence stays one piece. */
    static final char MASK = '\uE000';

    private Text() {
    }

    /** Full-width ASCII to ASCII, ideographic space to space, lower case; same length as the input. */
    static String normalize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\t' || c == '\u00A0') {
                c = ' ';
            } else if (c == '’' || c == '`') {
                c = '\'';
            } else if (c == '－' || c == '—' || c == '–') {
                c = '-';
            }
            char lower = Character.toLowerCase(c);
            b.append(Character.charCount(lower) == 1 ? lower : c);
        }
        return b.toString();
    }

    /** The text with the inside of “…”, "…", 「…」, 『…』, ‘…’ replaced by {@link #MASK}. */
    static String maskQuotes(String s) {
        char[] out = s.toCharArray();
        int i = 0;
        while (i < out.length) {
            char open = out[i];
            char close = switch (open) {
                case '“' -> '”';
                case '"' -> '"';
                case '「' -> '」';
                case '『' -> '』';
                case '‘' -> '’';
                case '《' -> '》';
                default -> 0;
            };
            if (close != 0) {
                int j = s.indexOf(close, i + 1);
                if (j > i) {
                    for (int k = i + 1; k < j; k++) {
                        out[k] = MASK;
                    }
                    i = j + 1;
                    continue;
                }
            }
            i++;
        }
        return new String(out);
    }

    /** Strips surrounding quotes and spaces: “你好” → 你好. */
    static String unquote(String s) {
        String t = s.strip();
        String quotes = "“”\"「」『』‘’'《》";
        while (t.length() >= 2 && quotes.indexOf(t.charAt(0)) >= 0 && quotes.indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
