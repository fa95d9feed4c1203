package org.classbot.launch.voice;

import java.util.concurrent.atomic.AtomicReference;

import org.classbot.agent.speech.Audio;
import org.classbot.agent.speech.Endpointer;
import org.classbot.agent.speech.Microphone;
import org.classbot.agent.speech.SpeechException;
import org.classbot.agent.speech.Vad;
import org.classbot.launch.app.UserError;

/** One utterance from the microphone, cut by the VAD (Silero when configured, else energy). */
final class MicCapture {

    private MicCapture() {
    }

    static Audio oneUtterance(Vad vad, double maxSeconds) {
        AtomicReference<Audio> got = new AtomicReference<>();
        Endpointer cut = new Endpointer(vad, u -> got.compareAndSet(null, u.audio()));
        try (Microphone mic = Microphone.open(); vad) {
            short[] buf = new short[Audio.SAMPLE_RATE / 50];
            long limit = (long) (maxSeconds * Audio.SAMPLE_RATE);
            long read = 0;
            while (got.get() == null && read < limit) {
                int n = mic.read(buf);
                read += n;
                cut.accept(buf, n);
            }
            cut.flush();
        } catch (SpeechException e) {
            throw new UserError(e.getMessage());
        }
        if (got.get() == null) {
            throw new UserError("heard no speech in " + maxSeconds + " s / " + maxSeconds + " 秒内没有听到说话");
        }
        return got.get();
    }
}
