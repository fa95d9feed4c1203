package org.classbot.knowledge.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Picks the loader by file extension and turns every failure into one clear {@link DocumentLoadException}. */
public final class DocumentLoaders {
    public static final Set<String> EXTENSIONS = Set.of("txt", "text", "md", "markdown", "html", "htm", "pdf", "docx");

    private static final Map<String, DocumentLoader> BY_EXTENSION = Map.of(
            "txt", new PlainTextLoader(), "text", new PlainTextLoader(),
            "md", new MarkdownLoader(), "markdown", new MarkdownLoader(),
            "html", new HtmlLoader(), "htm", new HtmlLoader(),
            "pdf", new PdfLoader(), "docx", new DocxLoader());

    private DocumentLoaders() {
    }

    public static boolean isSupported(Path file) {
        return extension(file).map(EXTENSIONS::contains).orElse(false);
    }

    public static Optional<String> extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Reads and parses a file whose bytes were already read (so the hash and the text come from the same bytes). */
    public static LoadedDocument load(Path file, byte[] content) throws DocumentLoadException {
        String ext = extension(file).orElse("");
        DocumentLoader loader = BY_EXTENSION.get(ext);
        if (loader == null) {
            throw new DocumentLoadException("unsupported file type '" + (ext.isEmpty() ? "(none)" : "." + ext)
                    + "' (supported: .txt .md .html .pdf .docx)");
        }
        LoadedDocument doc;
        try {
            doc = loader.load(file, content);
        } catch (IOException | RuntimeException e) {
            throw new DocumentLoadException("cannot read " + ext + " file: " + firstLine(e.getMessage())
                    + " (is the file corrupt or of another type?)", e);
        }
        if (doc.isBlank()) {
            throw new DocumentLoadException("no text found in the file (a scanned PDF needs OCR first)");
        }
        return doc;
    }

    /** Reads a file with a size limit. */
    public static byte[] read(Path file, long maxBytes) throws DocumentLoadException {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new DocumentLoadException(String.format(Locale.ROOT,
                        "file too large: %.1f MB > limit %.1f MB (split it, or raise knowledge.max_file_mb)",
                        size / 1048576.0, maxBytes / 1048576.0));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DocumentLoadException("cannot read file: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
