package org.classbot.knowledge.chunk;

/** Script tests used across the module: the one place that tells Han characters and Chinese text apart. */
public final class Languages {
    private Languages() {
    }

    /** A Han (Chinese) character. */
    public static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /** How many Han characters a text holds. */
    public static long hanCount(String text) {
        return text.codePoints().filter(Languages::isHan).count();
    }

    /** Chinese when the text has Han characters and at least as many of them as Latin words. */
    public static boolean isChinese(String text) {
        int han = 0;
        int latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isHan(c)) {
                han++;
            }
            boolean latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (latin && !inWord) {
                latinWords++;
            }
            inWord = latin;
        }
        return han > 0 && han >= latinWords;
    }
}
