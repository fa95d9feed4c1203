package org.classbot.knowledge.load;

import java.nio.file.Path;

/**
 * Plain text. A short line without sentence-ending punctuation that is followed by text ("Battery rules",
 * "一、充电", "3. Storage") is taken as a heading, so chunks of a rules document keep their topic.
 */
final class PlainTextLoader implements DocumentLoader {
    private static final int MAX_HEADING = 40;

    @Override
    public LoadedDocument load(Path file, byte[] content) {
        SectionBuilder b = new SectionBuilder();
        String[] lines = Texts.decode(content).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (isHeading(line) && nextTextLine(lines, i) != null) {
                b.heading(line);
            } else {
                b.append(line);
                b.newline();
                if (line.isEmpty()) {
                    b.append("\n");
                }
            }
        }
        return new LoadedDocument(file, "txt", b.build(), b.title());
    }

    static boolean isHeading(String line) {
        if (line.isEmpty() || line.codePointCount(0, line.length()) > MAX_HEADING) {
            return false;
        }
        if ("-*•·".indexOf(line.charAt(0)) >= 0) {
            return false; // list items
        }
        char last = line.charAt(line.length() - 1);
        return "。！？；.!?;:：，,、）)\"”".indexOf(last) < 0;
    }

    private static String nextTextLine(String[] lines, int i) {
        for (int j = i + 1; j < lines.length; j++) {
            String l = lines[j].strip();
            if (!l.isEmpty()) {
                return l;
            }
        }
        return null;
    }
}
