package org.classbot.agent.speech;

import java.nio.file.Path;

/**
 * Speech out. {@link #say} queues the text and returns at once (speaking never blocks motion control);
 * {@link #synthesize} writes a 16 kHz mono WAV. {@link Speakers#detect()} picks espeak-ng when installed,
 * otherwise a text-only speaker that says so once in the log.
 */
public interface Speaker extends AutoCloseable {

    /** Speaks the text in the background; never waits for the audio. */
    void say(String text);

    /** Synthesizes the text into a 16 kHz mono WAV; false when this speaker has no voice (text only). */
    boolean synthesize(String text, Path wav);

    /** "espeak-ng" or "text". */
    String name();

    @Override
    default void close() {
    }
}
