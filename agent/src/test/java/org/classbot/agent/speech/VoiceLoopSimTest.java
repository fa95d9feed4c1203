package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.dialogue.SimDialogue;
import org.classbot.bridge.safety.SafetyGovernor;

/**
 * The whole voice path on the simulator: a spoken "turn left" in a stream → endpointer → recognizer → dialogue
 * → the robot turns; prints the latency from the end of speech to the first Twist (audio clock for the
 * endpointer's wait, wall clock for the work after it; audio is fed as fast as it is read).
 */
class VoiceLoopSimTest {

    @Test
    void should_turn_left_when_told_so_and_report_the_latency(@TempDir Path dir) throws Exception {
        SpeechTestAudio.assumeTools();
        List<VoiceLoop.Heard> heard = new CopyOnWriteArrayList<>();
        try (SimDialogue sim = SimDialogue.open();
             SphinxRecognizer recognizer = new SphinxRecognizer(sim.places(), false);
             Speaker quiet = new Speakers.TextOnly();
             VoiceLoop loop = new VoiceLoop(sim.dialogue(), recognizer, new EnergyVad(), quiet, heard::add)) {
            SafetyGovernor robot = sim.robot();
            Dialogue dialogue = sim.dialogue();
            Audio words = AudioFiles.read(SpeechTestAudio.synthesize(dir, "left", "turn left", "en-us", 150, 50));
            Audio lead = SpeechTestAudio.silence(0.5);
            Audio stream = SpeechTestAudio.withNoise(SpeechTestAudio.concat(lead, words, SpeechTestAudio.silence(1.0)), 30, 5);
            long speechEnd = lead.length() + SpeechTestAudio.lastLoudSample(words);
            short[] all = stream.samples();
            int chunk = Audio.SAMPLE_RATE / 50;
            long[] fedAt = new long[all.length / chunk + 1];
            for (int i = 0, k = 0; i < all.length; i += chunk, k++) {
                int n = Math.min(chunk, all.length - i);
                loop.accept(java.util.Arrays.copyOfRange(all, i, i + n), n);
                fedAt[k] = System.nanoTime();
            }
            assertThat(SimDialogue.waitFor(() -> Math.abs(robot.state().velocity().angular()) > 0.01, 20)).as("the robot turned").isTrue();
            long twist = System.nanoTime();
            assertThat(heard).hasSize(1);
            VoiceLoop.Heard h = heard.get(0);
            assertThat(h.transcript().text()).isEqualTo("turn left");
            int closing = (int) Math.min(fedAt.length - 1, (h.endSample() - 1) / chunk);
            double waitMs = (h.endSample() - speechEnd) * 1000.0 / Audio.SAMPLE_RATE;
            double workMs = (twist - fedAt[closing]) / 1e6;
            System.out.printf(Locale.ROOT, "voice latency: end of speech → first Twist %.0f ms (endpointer silence %.0f ms"
                    + " + recognition, planning and the first command %.0f ms; decode %d ms)%n", waitMs + workMs, waitMs, workMs,
                    h.transcript().decodeMs());
            assertThat(dialogue.awaitIdle(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Math.toDegrees(robot.state().pose().theta())).isCloseTo(90, within(2.0));
        }
    }
}
