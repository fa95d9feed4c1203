package org.classbot.agent.speech;

/** A recognizer or speaker that cannot start (no model, no capture device); the message is one bilingual line. */
public final class SpeechException extends RuntimeException {

    public SpeechException(String message) {
        super(message);
    }

    public SpeechException(String message, Throwable cause) {
        super(message, cause);
    }
}
