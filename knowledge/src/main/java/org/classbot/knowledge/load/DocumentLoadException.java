package org.classbot.knowledge.load;

/** One file could not be read: unsupported, corrupt, empty or too large. The message says which and how to fix it. */
public class DocumentLoadException extends Exception {
    public DocumentLoadException(String message) {
        super(message);
    }

    public DocumentLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
