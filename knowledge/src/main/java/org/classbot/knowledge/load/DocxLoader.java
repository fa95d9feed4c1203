package org.classbot.knowledge.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Word .docx via Apache POI: paragraphs styled Title/Heading n (any language) start sections; tables become lines. */
final class DocxLoader implements DocumentLoader {
    @Override
    public LoadedDocument load(Path file, byte[] content) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(content))) {
            SectionBuilder b = new SectionBuilder();
            for (IBodyElement el : doc.getBodyElements()) {
                if (el instanceof XWPFParagraph p) {
                    if (isHeading(doc, p)) {
                        b.heading(p.getText());
                    } else {
                        b.append(p.getText());
                        b.newline();
                    }
                } else if (el instanceof XWPFTable t) {
                    for (XWPFTableRow row : t.getRows()) {
                        StringBuilder line = new StringBuilder();
                        for (XWPFTableCell cell : row.getTableCells()) {
                            if (line.length() > 0) {
                                line.append(" | ");
                            }
                            line.append(cell.getText().replaceAll("\\s+", " ").strip());
                        }
                        b.append(line.toString());
                        b.newline();
                    }
                }
            }
            return new LoadedDocument(file, "docx", b.build(), b.title());
        } catch (RuntimeException e) {
            // POI reports malformed packages as unchecked exceptions
            throw new IOException(e.getMessage(), e);
        }
    }

    private static boolean isHeading(XWPFDocument doc, XWPFParagraph p) {
        String id = p.getStyleID();
        if (id == null) {
            return false;
        }
        String name = id;
        XWPFStyle style = doc.getStyles() == null ? null : doc.getStyles().getStyle(id);
        if (style != null && style.getName() != null) {
            name = style.getName();
        }
        String n = name.toLowerCase(Locale.ROOT).replace(" ", "");
        String i = id.toLowerCase(Locale.ROOT);
        return n.startsWith("heading") || n.equals("title") || i.startsWith("heading") || i.equals("title") || n.startsWith("标题");
    }
}
