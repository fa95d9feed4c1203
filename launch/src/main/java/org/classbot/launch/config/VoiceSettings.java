package org.classbot.launch.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.classbot.launch.app.UserError;

/**
 * {@code voice.*}: which recognizer per language (English: the embedded Sphinx4 grammar, or Vosk / whisper.cpp
 * with a model the school provides; Chinese: Vosk or whisper.cpp only), the model paths, the Silero VAD model
 * espeak-ng, and a piper voice when the school provides one (issue 11, {@code classbot listen} / {@code say}).
 */
public record VoiceSettings(String engineEn, String engineZh, Optional<Path> voskModel, Optional<Path> whisperModel,
                            boolean lmFallback, Optional<Path> vadModel, String espeak, Optional<Path> piperVoice) {

    public VoiceSettings {
        engineEn = check("voice.engine_en", engineEn, "sphinx", "vosk", "whisper");
        engineZh = check("voice.engine_zh", engineZh, "vosk", "whisper");
    }

    private static String check(String key, String v, String... allowed) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw new UserError(key + " must be one of " + String.join(", ", allowed) + ", got '" + v + "' / " + key + " 的值无效");
    }

    static VoiceSettings from(ClassbotConfig c) {
        return new VoiceSettings(c.string("voice.engine_en"), c.string("voice.engine_zh"), c.path("voice.vosk_model"),
                c.path("voice.whisper_model"), c.bool("voice.lm_fallback"), c.path("voice.vad_model"), c.string("voice.espeak"),
                c.path("voice.piper_voice"));
    }
}
