package org.classbot.agent.speech;

import java.util.Arrays;
import java.util.Objects;

/**
 * A clip of 16 kHz mono speech as 16-bit samples, the one format every recognizer here takes.
 * Immutable; {@link AudioFiles} converts files (any PCM WAV, raw s16le) into it.
 */
public final class Audio {

    /** Every recognizer and VAD here runs at 16 kHz mono. */
    public static final int SAMPLE_RATE = 16_000;

    private final short[] samples;

    private Audio(short[] samples) {
        this.samples = samples;
    }

    public static Audio of(short[] samples) {
        return new Audio(Objects.requireNonNull(samples, "samples").clone());
    }

    /** From little-endian signed 16-bit bytes at 16 kHz mono. */
    public static Audio fromPcm16le(byte[] bytes) {
        short[] s = new short[bytes.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return new Audio(s);
    }

    public int length() {
        return samples.length;
    }

    public double seconds() {
        return samples.length / (double) SAMPLE_RATE;
    }

    public short sample(int i) {
        return samples[i];
    }

    public short[] samples() {
        return samples.clone();
    }

    /** Samples as floats in [-1, 1) (Silero VAD, whisper.cpp). */
    public float[] floats() {
        float[] f = new float[samples.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = samples[i] / 32768f;
        }
        return f;
    }

    public byte[] pcm16le() {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }

    /** Samples [from, to), clamped to the clip. */
    public Audio slice(int from, int to) {
        int a = Math.max(0, Math.min(from, samples.length));
        int b = Math.max(a, Math.min(to, samples.length));
        return new Audio(Arrays.copyOfRange(samples, a, b));
    }

    /** Root-mean-square level in dBFS (silence is about -90). */
    public double rmsDb() {
        if (samples.length == 0) {
            return -90;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / samples.length) / 32768.0;
        return Math.max(-90, 20 * Math.log10(Math.max(rms, 1e-9)));
    }
}
