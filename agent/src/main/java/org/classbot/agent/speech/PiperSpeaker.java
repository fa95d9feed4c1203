package org.classbot.agent.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

import io.github.givimad.piperjni.PiperJNI;
import io.github.givimad.piperjni.PiperVoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A piper neural voice (io.github.givimad:piper-jni, its onnxruntime and espeak-ng data bundled) when the school
 * provides one: {@code voice.piper_voice} points at the voice's {@code .onnx}, with its {@code .onnx.json} beside it
 * (e.g. {@code zh_CN-huayan-medium.onnx} for Mandarin, {@code en_US-lessac-medium.onnx} for English). No voice can
 * be fetched here, so the file checks run before any native code and fail with one line saying what to put where.
 * Like espeak-ng, {@link #say} plays on a thread of its own and never blocks motion control.
 */
public final class PiperSpeaker implements Speaker {

    private static final Logger log = LoggerFactory.getLogger(PiperSpeaker.class);
    private static final String HINT = "download a piper voice (the .onnx and its .onnx.json, e.g. zh_CN-huayan-medium for Mandarin or "
            + "en_US-lessac-medium for English) to ~/.classbot/models/ and set voice.piper_voice to the .onnx";

    private final PiperJNI piper;
    private final PiperVoice voice;
    private final AtomicBoolean noSpeakers = new AtomicBoolean();
    private final ExecutorService out = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classbot-piper-out");
        t.setDaemon(true);
        return t;
    });

    private PiperSpeaker(PiperJNI piper, PiperVoice voice) {
        this.piper = piper;
        this.voice = voice;
    }

    /** Loads the voice; a missing, incomplete or non-ONNX file is a {@link SpeechException} saying what to do. */
    public static PiperSpeaker open(Path onnx) {
        Path config = checkVoice(onnx);
        PiperJNI p = null;
        try {
            p = new PiperJNI();
            p.initialize(true, false);
            return new PiperSpeaker(p, p.loadVoice(onnx, config));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError | PiperJNI.NotInitialized e) {
            if (p != null) {
                p.close();
            }
            throw new SpeechException("piper could not load the voice " + onnx + " (" + e.getMessage() + ") / piper 无法加载语音", e);
        }
    }

    /** The voice's config beside it, after checking both files and the ONNX header; no native code runs. */
    static Path checkVoice(Path onnx) {
        if (onnx == null || onnx.toString().isBlank()) {
            throw new SpeechException("no piper voice configured: " + HINT + " / 未配置 piper 语音：请下载语音并设置 voice.piper_voice");
        }
        if (!Files.isRegularFile(onnx)) {
            throw new SpeechException("no piper voice at " + onnx + ": " + HINT + " / 找不到 piper 语音 " + onnx);
        }
        Path config = onnx.resolveSibling(onnx.getFileName() + ".json");
        if (!Files.isRegularFile(config)) {
            throw new SpeechException("the piper voice " + onnx + " has no " + config.getFileName() + " beside it (download both files) "
                    + "/ 缺少语音配置文件 " + config.getFileName());
        }
        try (InputStream in = Files.newInputStream(onnx)) {
            // an ONNX model is a protobuf ModelProto whose first field is ir_version (field 1, varint): byte 0x08
            if (in.read() != 0x08) {
                throw new SpeechException(onnx + " is not an ONNX voice: " + HINT + " / 不是 ONNX 语音文件");
            }
        } catch (IOException e) {
            throw new SpeechException("cannot read the piper voice " + onnx + ": " + e.getMessage() + " / 无法读取语音文件", e);
        }
        return config;
    }

    @Override
    public void say(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        out.submit(() -> {
            try {
                short[] samples = piper.textToAudio(voice, text);
                play(samples, voice.getSampleRate());
            } catch (IOException | RuntimeException | PiperJNI.NotInitialized e) {
                log.warn("piper failed / 语音输出失败: {}", e.getMessage());
            }
        });
    }

    private void play(short[] samples, int rate) {
        AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(f)) {
            line.open(f);
            line.start();
            byte[] b = new byte[samples.length * 2];
            for (int i = 0; i < samples.length; i++) {
                b[2 * i] = (byte) samples[i];
                b[2 * i + 1] = (byte) (samples[i] >> 8);
            }
            line.write(b, 0, b.length);
            line.drain();
        } catch (LineUnavailableException | IllegalArgumentException e) {
            if (noSpeakers.compareAndSet(false, true)) {
                log.warn("no audio output device: piper replies are text only ({}) / 没有音频输出设备", e.getMessage());
            }
        }
    }

    @Override
    public boolean synthesize(String text, Path wav) {
        try {
            short[] samples = piper.textToAudio(voice, text);
            float[] f = new float[samples.length];
            for (int i = 0; i < samples.length; i++) {
                f[i] = samples[i] / 32768f;
            }
            AudioFiles.writeWav(Audio.of(AudioFiles.toShorts(AudioFiles.resample(f, voice.getSampleRate(), Audio.SAMPLE_RATE))), wav);
            return true;
        } catch (IOException | RuntimeException | PiperJNI.NotInitialized e) {
            throw new SpeechException("piper could not speak: " + e.getMessage() + " / piper 语音合成失败", e);
        }
    }

    @Override
    public String name() {
        return "piper";
    }

    @Override
    public void close() {
        out.shutdownNow();
        voice.close();
        piper.close();
    }
}
