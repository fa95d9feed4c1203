package org.classbot.knowledge.load;

import java.io.IOException;
import java.nio.file.Path;

/** Turns one file of a given format into sections of plain text. */
interface DocumentLoader {
    LoadedDocument load(Path file, byte[] content) throws IOException;
}
