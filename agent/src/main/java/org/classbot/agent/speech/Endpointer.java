package org.classbot.agent.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a 16 kHz stream into utterances with a {@link Vad}: speech starts after {@code startMs} of speech
 * frames, ends after {@code endMs} of silence; each utterance keeps {@code preRollMs} of audio before its
 * start. Timestamps are sample indexes of the stream (the audio clock), so tests need no wall clock.
 */
public final class Endpointer {

    /** One utterance: its audio and where it lies in the stream (samples). */
    public record Utterance(Audio audio, long startSample, long endSample) {
    }

    private final Vad vad;
    private final Consumer<Utterance> sink;
    private final int startFrames;
    private final int endFrames;
    private final int preRoll;
    private final float threshold;

    private final short[] frame;
    private int fill;
    private long position;
    private final List<short[]> ring = new ArrayList<>();
    private final List<short[]> current = new ArrayList<>();
    private boolean inSpeech;
    private int speechRun;
    private int silenceRun;
    private long speechStart;

    public Endpointer(Vad vad, Consumer<Utterance> sink) {
        this(vad, sink, 96, 480, 200, 0.5f);
    }

    public Endpointer(Vad vad, Consumer<Utterance> sink, int startMs, int endMs, int preRollMs, float threshold) {
        this.vad = vad;
        this.sink = sink;
        int frameMs = vad.frameSize() * 1000 / Audio.SAMPLE_RATE;
        this.startFrames = Math.max(1, startMs / frameMs);
        this.endFrames = Math.max(1, endMs / frameMs);
        this.preRoll = Math.max(0, preRollMs / frameMs);
        this.threshold = threshold;
        this.frame = new short[vad.frameSize()];
    }

    public String vadName() {
        return vad.name();
    }

    /** Feeds samples (any chunk size). */
    public void accept(short[] samples, int length) {
        for (int i = 0; i < length; i++) {
            frame[fill++] = samples[i];
            if (fill == frame.length) {
                onFrame(frame.clone());
                fill = 0;
            }
        }
    }

    /** End of stream: an utterance still open is closed. */
    public void flush() {
        if (inSpeech) {
            emit();
        }
        vad.reset();
    }

    private void onFrame(short[] f) {
        long frameStart = position;
        position += f.length;
        boolean speech = vad.speech(f) >= threshold;
        if (!inSpeech) {
            ring.add(f);
            if (ring.size() > preRoll + startFrames) {
                ring.remove(0);
            }
            speechRun = speech ? speechRun + 1 : 0;
            if (speechRun >= startFrames) {
                inSpeech = true;
                silenceRun = 0;
                current.addAll(ring);
                speechStart = frameStart - (long) (ring.size() - 1) * f.length;
                ring.clear();
            }
            return;
        }
        current.add(f);
        silenceRun = speech ? 0 : silenceRun + 1;
        if (silenceRun >= endFrames) {
            emit();
        }
    }

    private void emit() {
        int n = current.stream().mapToInt(a -> a.length).sum();
        short[] all = new short[n];
        int o = 0;
        for (short[] a : current) {
            System.arraycopy(a, 0, all, o, a.length);
            o += a.length;
        }
        current.clear();
        inSpeech = false;
        speechRun = 0;
        sink.accept(new Utterance(Audio.of(all), speechStart, speechStart + n));
    }
}
