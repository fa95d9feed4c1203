package org.classbot.knowledge;

/** Progress of an ingest (the CLI draws a progress bar from it). Called on the ingesting thread. */
public interface IngestListener {
    IngestListener NONE = new IngestListener() {
    };

    /** The files found, before any is read. */
    default void started(int files) {
    }

    default void fileDone(FileOutcome outcome) {
    }
}
