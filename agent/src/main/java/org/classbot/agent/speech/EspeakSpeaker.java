package org.classbot.agent.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * espeak-ng as a separate process: Mandarin through voice {@code cmn-latn-pinyin} when the text has Han
 * characters, English {@code en-us} otherwise. {@link #say} runs on one daemon thread of its own (queued,
 * in order), so no caller — the dialogue, the motion loop — ever waits for audio.
 */
public final class EspeakSpeaker implements Speaker {

    private static final Logger log = LoggerFactory.getLogger(EspeakSpeaker.class);

    public static final String MANDARIN = "cmn-latn-pinyin";
    public static final String ENGLISH = "en-us";

    private final String executable;
    private final ExecutorService voice = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classbot-speech-out");
        t.setDaemon(true);
        return t;
    });

    public EspeakSpeaker(String executable) {
        this.executable = executable;
    }

    /** The voice for a text: Mandarin when it has a Han character, English otherwise. */
    public static String voiceFor(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? MANDARIN : ENGLISH;
    }

    @Override
    public void say(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        voice.submit(() -> {
            try {
                run(List.of(executable, "-v", voiceFor(text), text), 60);
            } catch (IOException e) {
                log.warn("espeak-ng failed / 语音输出失败: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public boolean synthesize(String text, Path wav) {
        Path raw = null;
        try {
            Path dir = wav.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            raw = Files.createTempFile(dir, ".espeak-", ".wav");
            run(List.of(executable, "-v", voiceFor(text), "-w", raw.toString(), text), 60);
            AudioFiles.writeWav(AudioFiles.read(raw), wav); // espeak-ng writes 22.05 kHz; the contract is 16 kHz mono
            return true;
        } catch (IOException e) {
            throw new SpeechException("espeak-ng could not write " + wav + " / 无法生成语音文件: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (raw != null) {
                raw.toFile().delete();
            }
        }
    }

    private static void run(List<String> cmd, int timeoutS) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("espeak-ng did not finish in " + timeoutS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("espeak-ng exited with " + p.exitValue());
        }
    }

    @Override
    public String name() {
        return "espeak-ng";
    }

    /** Lets what was queued finish (up to a minute), then stops the voice thread. */
    @Override
    public void close() {
        voice.shutdown();
        try {
            voice.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
