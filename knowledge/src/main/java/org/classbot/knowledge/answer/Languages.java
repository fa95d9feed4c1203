package org.classbot.knowledge.answer;

/** Tells Chinese from English text by counting Han characters against Latin words. */
public final class Languages {
    private Languages() {
    }

    public static boolean isChinese(String text) {
        int han = 0;
        int latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
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
