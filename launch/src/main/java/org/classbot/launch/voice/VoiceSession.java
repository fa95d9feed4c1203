package org.classbot.launch.voice;

import java.util.Locale;
import java.util.function.Consumer;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.speech.Audio;
import org.classbot.agent.speech.Microphone;
import org.classbot.agent.speech.SpeechException;
import org.classbot.agent.speech.SpeechRecognizer;
import org.classbot.agent.speech.Speaker;
import org.classbot.agent.speech.VoiceLoop;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.UserError;

/**
 * {@code classbot run --voice}: the microphone, always listening (VAD), feeding a {@link VoiceLoop} on a daemon
 * thread; replies are spoken. Without a microphone or a recognizer it says why once and the console goes on.
 */
public final class VoiceSession implements AutoCloseable {

    private final Microphone mic;
    private final VoiceLoop loop;
    private final SpeechRecognizer recognizer;
    private final Speaker speaker;
    private volatile boolean running = true;

    private VoiceSession(Microphone mic, VoiceLoop loop, SpeechRecognizer recognizer, Speaker speaker) {
        this.mic = mic;
        this.loop = loop;
        this.recognizer = recognizer;
        this.speaker = speaker;
        Thread t = new Thread(this::listen, "classbot-microphone");
        t.setDaemon(true);
        t.start();
    }

    /** Starts listening, or prints one line saying why voice is off and returns a session that does nothing. */
    public static AutoCloseable start(ClassbotApp app, Dialogue dialogue, Consumer<String> print) {
        SpeechRecognizer recognizer = null;
        try {
            Microphone mic = Microphone.open();
            recognizer = app.recognizer("en");
            Speaker speaker = app.speaker();
            VoiceLoop loop = new VoiceLoop(dialogue, recognizer, app.vad(), speaker,
                    h -> print.accept(String.format(Locale.ROOT, "🎤 %s (%.2f)", h.transcript().text(), h.transcript().confidence())));
            print.accept("语音已开启：直接说指令，“停”/stop 立即停止 / voice on: speak a command; \"stop\" stops at once");
            return new VoiceSession(mic, loop, recognizer, speaker);
        } catch (SpeechException | UserError e) {
            if (recognizer != null) {
                recognizer.close();
            }
            print.accept("语音未开启 / voice off: " + e.getMessage());
            return () -> { };
        }
    }

    private void listen() {
        short[] buf = new short[Audio.SAMPLE_RATE / 50];
        while (running) {
            int n = mic.read(buf);
            if (n > 0) {
                loop.accept(buf, n);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        mic.close();
        loop.close();
        recognizer.close();
        speaker.close();
    }
}
