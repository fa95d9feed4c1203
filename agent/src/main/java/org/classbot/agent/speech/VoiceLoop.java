package org.classbot.agent.speech;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.dialogue.DialogueListener;

/**
 * Microphone speech into the dialogue, replies out through the speaker. Every chunk of audio goes to two
 * places: the {@link StopWordSpotter} (a stop word stops the robot at once, "急停"/"emergency stop" latches
 * the e-stop; the planner is never asked) and the {@link Endpointer}, whose utterances are recognized on a
 * thread of their own and handed to {@link Dialogue#hear} like typed text (same non-command filter and
 * confirmation). Feeding never blocks on recognition, planning or speech.
 */
public final class VoiceLoop implements AutoCloseable {

    private final Dialogue dialogue;
    private final SpeechRecognizer recognizer;
    private final StopWordSpotter spotter;
    private final Endpointer endpointer;
    private final Consumer<Heard> heard;
    private final DialogueListener voice;
    private final ExecutorService recognition = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classbot-recognizer");
        t.setDaemon(true);
        return t;
    });

    /** A transcript and where its utterance lay in the stream (samples: the audio clock). */
    public record Heard(Transcript transcript, long startSample, long endSample) {
    }

    /**
     * @param heard   told of each transcript before the dialogue hears it (console, dashboard)
     * @param speaker speaks the dialogue's replies (never waited for)
     */
    public VoiceLoop(Dialogue dialogue, SpeechRecognizer recognizer, Vad vad, Speaker speaker, Consumer<Heard> heard) {
        this.dialogue = dialogue;
        this.recognizer = recognizer;
        this.heard = heard;
        this.spotter = new StopWordSpotter(h -> {
            if (h.emergency()) {
                dialogue.emergencyStop();
            } else {
                dialogue.stop();
            }
        });
        this.endpointer = new Endpointer(vad, u -> recognition.submit(() -> onUtterance(u)));
        this.voice = new DialogueListener() {
            @Override
            public void reply(String text) {
                speaker.say(text);
            }
        };
        dialogue.addListener(voice);
    }

    /** Feeds microphone samples (16 kHz mono); returns at once. */
    public void accept(short[] samples, int length) {
        spotter.accept(samples, length);
        endpointer.accept(samples, length);
    }

    /** End of the audio: an utterance still open is recognized. */
    public void flush() {
        endpointer.flush();
    }

    private void onUtterance(Endpointer.Utterance u) {
        Transcript t = recognizer.recognize(u.audio());
        if (t.isEmpty()) {
            return;
        }
        heard.accept(new Heard(t, u.startSample(), u.endSample()));
        dialogue.hear(t.text());
    }

    @Override
    public void close() {
        dialogue.removeListener(voice);
        recognition.shutdownNow();
        spotter.close();
    }
}
