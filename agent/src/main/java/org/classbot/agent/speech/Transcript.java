package org.classbot.agent.speech;

import java.util.Objects;

/**
 * What a recognizer heard.
 *
 * @param text       lower-case words, empty when nothing was recognized
 * @param confidence 0..1 (coarse for Sphinx: 0.9 grammar match, 0.4 free language model, 0 nothing)
 * @param lang       "en" / "zh"
 * @param engine     "sphinx4-grammar", "sphinx4-lm", "vosk", "whisper"
 * @param decodeMs   wall time of the decoding
 */
public record Transcript(String text, double confidence, String lang, String engine, long decodeMs) {

    public Transcript {
        text = Objects.requireNonNullElse(text, "").strip();
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(engine, "engine");
    }

    public static Transcript empty(String lang, String engine, long decodeMs) {
        return new Transcript("", 0, lang, engine, decodeMs);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }
}
