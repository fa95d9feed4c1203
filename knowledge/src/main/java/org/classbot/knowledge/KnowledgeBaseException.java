package org.classbot.knowledge;

/**
 * Something the user can fix: an index built with another embedding model, a folder that is not an
 * index, an index locked by another process, a bad option. The message says what, where and how to fix it.
 */
public class KnowledgeBaseException extends RuntimeException {
    public KnowledgeBaseException(String message) {
        super(message);
    }

    public KnowledgeBaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
