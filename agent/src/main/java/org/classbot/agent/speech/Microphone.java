package org.classbot.agent.speech;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/**
 * The default capture device through javax.sound.sampled at 16 kHz mono 16-bit. {@link #open()} fails with
 * one bilingual line when the machine has no capture device (servers, containers).
 */
public final class Microphone implements AutoCloseable {

    public static final AudioFormat FORMAT = new AudioFormat(Audio.SAMPLE_RATE, 16, 1, true, false);

    private final TargetDataLine line;

    private Microphone(TargetDataLine line) {
        this.line = line;
    }

    public static Microphone open() {
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, FORMAT);
        try {
            if (!AudioSystem.isLineSupported(info)) {
                throw new SpeechException(noDevice("no capture device supports 16 kHz mono 16-bit"));
            }
            TargetDataLine l = (TargetDataLine) AudioSystem.getLine(info);
            l.open(FORMAT, Audio.SAMPLE_RATE / 5 * 2);
            l.start();
            return new Microphone(l);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new SpeechException(noDevice(e.getMessage()), e);
        }
    }

    static String noDevice(String why) {
        return "no microphone found (" + why + "): plug one in or pass an audio file, e.g. classbot listen command.wav"
                + " / 没有找到麦克风：请连接麦克风，或给出音频文件";
    }

    /** Reads up to {@code samples.length} samples; blocks until they are there. */
    public int read(short[] samples) {
        byte[] b = new byte[samples.length * 2];
        int n = line.read(b, 0, b.length) / 2;
        for (int i = 0; i < n; i++) {
            samples[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
        }
        return n;
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
