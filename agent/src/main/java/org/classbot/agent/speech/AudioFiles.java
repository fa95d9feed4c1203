package org.classbot.agent.speech;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads and writes speech files. A WAV in any PCM layout (8/16/24/32-bit, any rate, mono or
 * stereo) becomes 16 kHz mono: channels are averaged and the rate converted here, because Java
 * Sound cannot convert sample rates itself. {@code .raw}/{@code .pcm} files are taken as 16 kHz
 * mono s16le, the format of the pocketsphinx test data.
 */
public final class AudioFiles {

    private AudioFiles() {
    }

    public static Audio read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such audio file / 找不到音频文件: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes = Files.readAllBytes(file);
        if (name.endsWith(".raw") || name.endsWith(".pcm")) {
            return Audio.fromPcm16le(bytes);
        }
        return readWav(bytes, file.toString());
    }

    static Audio readWav(byte[] bytes, String what) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(new ByteArrayInputStream(bytes)))) {
            return decode(in);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a PCM WAV file (use a 16 kHz mono WAV or s16le .raw) / 不是 PCM WAV 文件: " + what, e);
        }
    }

    /** Converts any PCM stream (Java Sound) to 16 kHz mono. */
    public static Audio decode(AudioInputStream in) throws IOException {
        AudioFormat f = in.getFormat();
        AudioFormat.Encoding enc = f.getEncoding();
        if (!enc.equals(AudioFormat.Encoding.PCM_SIGNED) && !enc.equals(AudioFormat.Encoding.PCM_UNSIGNED)
                && !enc.equals(AudioFormat.Encoding.PCM_FLOAT)) {
            throw new IOException("unsupported audio encoding " + enc + " (need PCM) / 不支持的音频编码");
        }
        int channels = Math.max(1, f.getChannels());
        int bytesPer = f.getSampleSizeInBits() / 8;
        if (bytesPer < 1 || bytesPer > 4) {
            throw new IOException("unsupported sample size " + f.getSampleSizeInBits() + " bits / 不支持的采样位数");
        }
        byte[] data = in.readAllBytes();
        int frames = data.length / (bytesPer * channels);
        float[] mono = new float[frames];
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(data, (i * channels + c) * bytesPer, bytesPer, f);
            }
            mono[i] = (float) (sum / channels);
        }
        return Audio.of(toShorts(resample(mono, f.getSampleRate(), Audio.SAMPLE_RATE)));
    }

    private static double sample(byte[] d, int off, int n, AudioFormat f) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            int b = d[off + (f.isBigEndian() ? k : n - 1 - k)] & 0xff;
            v = (v << 8) | b;
        }
        if (f.getEncoding().equals(AudioFormat.Encoding.PCM_FLOAT)) {
            return n == 4 ? Float.intBitsToFloat((int) v) : 0;
        }
        double full = Math.pow(2, 8 * n - 1);
        if (f.getEncoding().equals(AudioFormat.Encoding.PCM_UNSIGNED)) {
            return (v - full) / full;
        }
        long signed = (v << (64 - 8 * n)) >> (64 - 8 * n);
        return signed / full;
    }

    /** Linear-interpolation resampling (speech band only; good enough for 8–48 kHz input). */
    static float[] resample(float[] x, double from, double to) {
        if (Math.abs(from - to) < 1e-6 || x.length == 0) {
            return x;
        }
        int n = (int) Math.floor(x.length * to / from);
        float[] y = new float[n];
        double step = from / to;
        if (from > to) { // a short box filter first, against aliasing
            int w = (int) Math.round(step);
            float[] s = new float[x.length];
            double acc = 0;
            for (int i = 0; i < x.length; i++) {
                acc += x[i];
                if (i >= w) {
                    acc -= x[i - w];
                }
                s[i] = (float) (acc / Math.min(i + 1, w));
            }
            x = s;
        }
        for (int i = 0; i < n; i++) {
            double p = i * step;
            int a = (int) p;
            int b = Math.min(a + 1, x.length - 1);
            double t = p - a;
            y[i] = (float) (x[a] * (1 - t) + x[b] * t);
        }
        return y;
    }

    static short[] toShorts(float[] f) {
        short[] s = new short[f.length];
        for (int i = 0; i < f.length; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(f[i] * 32768.0)));
        }
        return s;
    }

    /** Writes a 16 kHz mono 16-bit WAV. */
    public static void writeWav(Audio audio, Path file) throws IOException {
        AudioFormat fmt = new AudioFormat(Audio.SAMPLE_RATE, 16, 1, true, false);
        byte[] pcm = audio.pcm16le();
        try (AudioInputStream s = new AudioInputStream(new ByteArrayInputStream(pcm), fmt, audio.length())) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AudioSystem.write(s, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** Reads a whole stream of 16 kHz mono s16le (a raw file or a pipe). */
    public static Audio readRaw(InputStream in) throws IOException {
        return Audio.fromPcm16le(in.readAllBytes());
    }
}
