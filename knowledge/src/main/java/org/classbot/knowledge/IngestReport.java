package org.classbot.knowledge;

import java.time.Duration;
import java.util.List;

/** The outcome of one ingest: per file, and totals. */
public record IngestReport(List<FileOutcome> files, Duration elapsed) {
    public IngestReport {
        files = List.copyOf(files);
    }

    public long count(FileOutcome.Status s) {
        return files.stream().filter(f -> f.status() == s).count();
    }

    /** Chunks written by this ingest (added and updated files). */
    public int chunksWritten() {
        return files.stream().filter(f -> f.status() == FileOutcome.Status.ADDED || f.status() == FileOutcome.Status.UPDATED)
                .mapToInt(FileOutcome::chunks).sum();
    }

    public List<FileOutcome> failures() {
        return files.stream().filter(f -> f.status() == FileOutcome.Status.FAILED).toList();
    }
}
