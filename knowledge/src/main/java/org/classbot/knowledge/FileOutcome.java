package org.classbot.knowledge;

import java.nio.file.Path;

/** What ingest did with one file. {@code message} says why a file FAILED (what and how to fix it). */
public record FileOutcome(Path path, String doc, Status status, int chunks, String message) {
    public enum Status { ADDED, UPDATED, UNCHANGED, REMOVED, FAILED, SKIPPED }
}
