package org.classbot.agent.speech;

/**
 * Speech to text for one endpointed utterance (16 kHz mono). Implementations: {@link SphinxRecognizer}
 * (English, embedded), {@link VoskRecognizer} and {@link WhisperRecognizer} (a model the school provides).
 * A recognizer never moves anything; the transcript goes through the planner like typed text.
 */
public interface SpeechRecognizer extends AutoCloseable {

    /** Recognizes one utterance; silence or noise gives an empty transcript, never an exception. */
    Transcript recognize(Audio utterance);

    /** "en" or "zh": the language it was built for. */
    String lang();

    @Override
    default void close() {
    }
}
