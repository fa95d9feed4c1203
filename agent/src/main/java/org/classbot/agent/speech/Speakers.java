package org.classbot.agent.speech;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the speaker: espeak-ng when found on the PATH (or at the configured path), text only otherwise. */
public final class Speakers {

    private static final Logger log = LoggerFactory.getLogger(Speakers.class);

    private Speakers() {
    }

    /** espeak-ng from {@code executable} (blank: look on the PATH), or the text-only speaker. */
    public static Speaker detect(String executable) {
        return find(executable).<Speaker>map(EspeakSpeaker::new).orElseGet(TextOnly::new);
    }

    static Optional<String> find(String executable) {
        if (executable != null && !executable.isBlank()) {
            return Files.isExecutable(Path.of(executable)) ? Optional.of(executable) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "espeak-ng"))) {
                return Optional.of(Path.of(dir, "espeak-ng").toString());
            }
        }
        return Optional.empty();
    }

    /** No voice: the text stays on screen; the log says once why nothing is heard. */
    public static final class TextOnly implements Speaker {

        private final AtomicBoolean told = new AtomicBoolean();

        @Override
        public void say(String text) {
            tell();
        }

        @Override
        public boolean synthesize(String text, Path wav) {
            tell();
            return false;
        }

        private void tell() {
            if (told.compareAndSet(false, true)) {
                log.warn("espeak-ng not found: replies are text only; install it with 'apt-get install espeak-ng' / "
                        + "未找到 espeak-ng：只显示文字，不发声；安装：apt-get install espeak-ng");
            }
        }

        @Override
        public String name() {
            return "text";
        }
    }
}
