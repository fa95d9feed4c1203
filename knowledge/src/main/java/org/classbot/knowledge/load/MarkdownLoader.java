package org.classbot.knowledge.load;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Markdown: ATX (#) and setext headings start sections; inline markup is reduced to its text. */
final class MarkdownLoader implements DocumentLoader {
    private static final Pattern ATX = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SETEXT = Pattern.compile("^\\s{0,3}(=+|-+)\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

    @Override
    public LoadedDocument load(Path file, byte[] content) {
        SectionBuilder b = new SectionBuilder();
        String[] lines = Texts.decode(content).split("\\R", -1);
        boolean fence = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fence = !fence;
                b.newline();
                continue;
            }
            if (fence) {
                b.append(line);
                b.newline();
                continue;
            }
            Matcher atx = ATX.matcher(line);
            if (atx.matches()) {
                b.heading(inline(atx.group(2)));
                continue;
            }
            if (i + 1 < lines.length && isSetextUnderline(line, lines[i + 1])) {
                b.heading(inline(line));
                i++;
                continue;
            }
            String text = line.strip();
            if (text.matches("^([-*_]\\s*){3,}$") || text.matches("^\\|?\\s*:?-{3,}.*")) {
                continue; // rules and table separator rows
            }
            text = text.replaceFirst("^>+\\s?", "").replaceAll("\\s*\\|\\s*", " | ").replaceAll("^\\|\\s*|\\s*\\|$", "");
            b.append(inline(text));
            b.newline();
            if (text.isEmpty()) {
                b.append("\n");
            }
        }
        return new LoadedDocument(file, "md", b.build(), b.title());
    }

    private static boolean isSetextUnderline(String line, String next) {
        if (line.isBlank() || !SETEXT.matcher(next).matches()) {
            return false;
        }
        String l = line.strip();
        boolean listItem = l.startsWith("-") || l.startsWith("*") || l.startsWith("+") || l.matches("^\\d+[.)]\\s.*");
        return next.strip().startsWith("=") || (!listItem && next.strip().length() >= 3);
    }

    private static String inline(String s) {
        String t = LINK.matcher(s).replaceAll("$1");
        t = HTML_TAG.matcher(t).replaceAll("");
        return EMPHASIS.matcher(t).replaceAll("");
    }
}
