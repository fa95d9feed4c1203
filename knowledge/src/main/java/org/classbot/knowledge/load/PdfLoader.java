package org.classbot.knowledge.load;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** PDF via Apache PDFBox: one section per page, so every chunk knows its page. */
final class PdfLoader implements DocumentLoader {
    @Override
    public LoadedDocument load(Path file, byte[] content) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            SectionBuilder b = new SectionBuilder();
            for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                b.page(p);
                b.append(stripper.getText(pdf));
            }
            return new LoadedDocument(file, "pdf", b.build(), b.title());
        } catch (InvalidPasswordException e) {
            throw new IOException("the PDF is password-protected; save an unprotected copy", e);
        }
    }
}
