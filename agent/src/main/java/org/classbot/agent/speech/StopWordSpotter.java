package org.classbot.agent.speech;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hears a stop word anywhere in the stream and says so at once, before (and apart from) full
 * recognition and the planner: short bursts of sound, cut by a fast energy gate (10 ms frames, 80 ms of
 * quiet ends a burst), are decoded on a thread of their own against a tiny Sphinx4 grammar of the stop
 * words with its out-of-grammar branch: "stop", "halt", "freeze", "emergency stop", and 停 / 急停 through
 * English-phone approximations ("ting" T IH NG, "jiting" JH IY T IH NG; no Mandarin model exists here).
 * The main recognizer still sees the whole utterance; this path only ever stops the robot.
 */
public final class StopWordSpotter implements AutoCloseable {

    /** What was heard and where it ended in the stream (samples, the audio clock). */
    public record Heard(String word, boolean emergency, long burstEndSample, long decidedAtSample) {
    }

    /** Called on the spotter's thread; must not block (it only stops the robot). */
    public interface Listener {
        void heard(Heard h);
    }

    private static final String GRAMMAR = "#JSGF V1.0;\ngrammar stopwords;\n"
            + "public <stop> = stop | halt | freeze | emergency stop | ting | jiting | stop stop;\n";
    private static final Set<String> WORDS = Set.of("stop", "halt", "freeze", "emergency", "ting", "jiting");
    private static final int FRAME = Audio.SAMPLE_RATE / 100;
    private static final int END_FRAMES = 8;
    private static final int MIN_FRAMES = 12;
    private static final int MAX_FRAMES = 120;
    private static final int PRE_FRAMES = 5;

    private final SphinxEngine engine;
    private final Listener listener;
    private final ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classbot-stop-word");
        t.setDaemon(true);
        return t;
    });

    private final short[] frame = new short[FRAME];
    private int fill;
    private long position;
    private double floorDb = -70;
    private final short[] burst = new short[(MAX_FRAMES + PRE_FRAMES + END_FRAMES) * FRAME];
    private final java.util.ArrayDeque<short[]> pre = new java.util.ArrayDeque<>();
    private int burstFrames;
    private int quiet;
    private boolean active;

    public StopWordSpotter(Listener listener) {
        this.listener = listener;
        this.engine = SphinxEngine.grammar("stopwords", GRAMMAR, WORDS, SphinxEngine.EXTRA, Audio.SAMPLE_RATE / 20);
    }

    /** Feeds stream samples (any chunk size); returns at once, decoding runs on the spotter's thread. */
    public void accept(short[] samples, int length) {
        for (int i = 0; i < length; i++) {
            frame[fill++] = samples[i];
            if (fill == FRAME) {
                onFrame(frame.clone());
                fill = 0;
            }
        }
    }

    private void onFrame(short[] f) {
        position += f.length;
        double db = Audio.of(f).rmsDb();
        boolean loud = db > Math.max(-45, floorDb + 12);
        floorDb += (db < floorDb ? 0.3 : 0.002) * (db - floorDb);
        if (!active) {
            pre.addLast(f);
            if (pre.size() > PRE_FRAMES) {
                pre.removeFirst();
            }
            if (loud) {
                active = true;
                burstFrames = 0;
                quiet = 0;
                pre.forEach(this::append);
                pre.clear();
            }
            return;
        }
        append(f);
        quiet = loud ? 0 : quiet + 1;
        if (burstFrames >= burst.length / FRAME) {
            active = false; // longer than any stop word: a sentence, left to the recognizer
            return;
        }
        if (quiet >= END_FRAMES) {
            active = false;
            int speechFrames = burstFrames - quiet - PRE_FRAMES;
            if (speechFrames >= MIN_FRAMES / 2 && speechFrames <= MAX_FRAMES) {
                Audio clip = Audio.of(java.util.Arrays.copyOf(burst, burstFrames * FRAME));
                long end = position - (long) quiet * FRAME;
                long decided = position;
                decoder.submit(() -> decode(clip, end, decided));
            }
        }
    }

    private void append(short[] f) {
        if (burstFrames < burst.length / FRAME) {
            System.arraycopy(f, 0, burst, burstFrames * FRAME, FRAME);
            burstFrames++;
        }
    }

    private void decode(Audio clip, long end, long decided) {
        List<String> parts = engine.decode(clip);
        String text = String.join(" ", parts).toLowerCase(Locale.ROOT);
        if (text.isBlank() || text.contains("<unk>")) {
            return;
        }
        String word = text.contains("jiting") ? "急停" : text.contains("ting") ? "停" : text.strip();
        boolean emergency = word.equals("急停") || word.contains("emergency");
        listener.heard(new Heard(word, emergency, end, decided));
    }

    @Override
    public void close() {
        decoder.shutdownNow();
        engine.close();
    }
}
