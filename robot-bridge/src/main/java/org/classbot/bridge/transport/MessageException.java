package org.classbot.bridge.transport;

/** A message off the wire that is not acceptable (malformed JSON, missing field, NaN); says why. */
public final class MessageException extends Exception {

    public MessageException(String message) {
        super(message);
    }

    public MessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
