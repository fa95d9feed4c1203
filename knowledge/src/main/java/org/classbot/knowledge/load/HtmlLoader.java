package org.classbot.knowledge.load;

import java.nio.file.Path;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** HTML via jsoup: h1–h6 start sections, block elements end lines, scripts/styles/navigation are skipped. */
final class HtmlLoader implements DocumentLoader {
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> SKIP = Set.of("script", "style", "nav", "noscript", "template", "head");

    @Override
    public LoadedDocument load(Path file, byte[] content) {
        Document doc = Jsoup.parse(Texts.decode(content));
        SectionBuilder b = new SectionBuilder();
        String title = doc.title();
        if (!title.isBlank()) {
            b.heading(title);
        }
        Element body = doc.body();
        NodeTraversor.traverse(new NodeVisitor() {
            StringBuilder headingText;
            int skipDepth;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    if (SKIP.contains(e.normalName()) || skipDepth > 0) {
                        skipDepth++;
                        return;
                    }
                    if (HEADINGS.contains(e.normalName())) {
                        headingText = new StringBuilder();
                    } else if (e.isBlock() || e.normalName().equals("br")) {
                        b.newline();
                    }
                } else if (node instanceof TextNode t && skipDepth == 0) {
                    if (headingText != null) {
                        headingText.append(t.text());
                    } else {
                        b.append(t.text());
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (skipDepth > 0) {
                        skipDepth--;
                        return;
                    }
                    if (HEADINGS.contains(e.normalName()) && headingText != null) {
                        b.heading(headingText.toString());
                        headingText = null;
                    } else if (e.isBlock()) {
                        b.newline();
                    } else if (e.normalName().equals("td") || e.normalName().equals("th")) {
                        b.append(" ");
                    }
                }
            }
        }, body);
        return new LoadedDocument(file, "html", b.build(), b.title());
    }
}
