package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Confirmation;
import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.skill.MapPlaces;
import org.classbot.bridge.map.RoomMap;

/**
 * The embedded English recognizer on real audio: the pocketsphinx test recording, and the spoken-command
 * set synthesized with espeak-ng (several voices, speeds and pitches; sox to 16 kHz mono) clean and with
 * noise. Prints WER, plan accuracy and the real-time factor; the figures are in agent/README ("Speech").
 */
class SpokenCommandsTest {

    /** espeak-ng's en-us voice at three speeds (words per minute) and three pitches, a different pair per line. */
    private static final int[] SPEEDS = {130, 145, 160};
    private static final int[] PITCHES = {35, 50, 65};

    private static PlaceCatalog places;
    private static SphinxRecognizer recognizer;
    private static OfflinePlanner planner;

    @BeforeAll
    static void load() {
        places = MapPlaces.catalog(RoomMap.classroom());
        recognizer = new SphinxRecognizer(places, false);
        planner = new OfflinePlanner(places);
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void should_plan_move_10_from_the_real_goforward_recording_and_hold_it_for_confirmation() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(SpeechTestAudio.GOFORWARD),
                "Debian pocketsphinx-testdata is not installed; skipping");
        Transcript t;
        try (SphinxRecognizer own = new SphinxRecognizer(places, false)) { // its own: the cepstral mean adapts to a microphone
            t = own.recognize(AudioFiles.read(SpeechTestAudio.GOFORWARD));
        }
        assertThat(t.text()).isEqualTo("go forward ten meters");
        assertThat(t.engine()).isEqualTo("sphinx4-grammar");
        Plan plan = planner.plan(t.text());
        assertThat(plan.actions()).containsExactly(new Action.Move(10.0, java.util.OptionalDouble.empty()));
        assertThat(new Confirmation(2.0, 360).question(plan)).hasValueSatisfying(q -> assertThat(q).contains("10"));
    }

    @Test
    void should_recognize_synthesized_commands_into_exact_plans(@TempDir Path dir) throws Exception {
        SpeechTestAudio.assumeTools();
        List<String[]> lines = Files.readAllLines(Path.of("src/test/resources/speech/spoken-commands.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        int n = 0;
        int exactClean = 0;
        int exactNoisy = 0;
        int words = 0;
        int errClean = 0;
        int errNoisy = 0;
        int oogMoved = 0;
        double audioS = 0;
        long decodeMs = 0;
        List<String> misses = new ArrayList<>();
        List<Audio> cleanClips = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Path wav = SpeechTestAudio.synthesize(dir, "u" + i, lines.get(i)[1], "en-us", SPEEDS[i % SPEEDS.length],
                    PITCHES[(i / SPEEDS.length) % PITCHES.length]);
            cleanClips.add(AudioFiles.read(wav));
        }
        // two sessions, as in a classroom: all clean clips, then all noisy ones (Sphinx's cepstral mean
        // adapts from one utterance to the next, so alternating clean and noisy clips would be unrealistic)
        List<Transcript> cleanHeard = new ArrayList<>();
        for (Audio a : cleanClips) {
            cleanHeard.add(recognizer.recognize(a));
        }
        List<Transcript> noisyHeard = new ArrayList<>();
        for (int i = 0; i < cleanClips.size(); i++) {
            noisyHeard.add(recognizer.recognize(SpeechTestAudio.withNoise(cleanClips.get(i), 15, i)));
        }
        for (int i = 0; i < lines.size(); i++) {
            String kind = lines.get(i)[0];
            String text = lines.get(i)[1];
            Audio clean = cleanClips.get(i);
            Audio noisy = clean;
            Transcript c = cleanHeard.get(i);
            Transcript z = noisyHeard.get(i);
            audioS += clean.seconds() + noisy.seconds();
            decodeMs += c.decodeMs() + z.decodeMs();
            if (kind.equals("oog")) {
                oogMoved += (moves(c.text()) ? 1 : 0) + (moves(z.text()) ? 1 : 0);
                System.out.printf("oog  %-45s | %s | %s%n", text, c.text(), z.text());
                continue;
            }
            List<Action> expected = planner.plan(text).actions();
            n++;
            words += text.split("\\s+").length;
            errClean += SpeechTestAudio.wordErrors(text, c.text());
            errNoisy += SpeechTestAudio.wordErrors(text, z.text());
            boolean okC = planner.plan(c.text()).actions().equals(expected);
            boolean okZ = planner.plan(z.text()).actions().equals(expected);
            exactClean += okC ? 1 : 0;
            exactNoisy += okZ ? 1 : 0;
            if (!okC || !okZ) {
                misses.add(String.format("%s -> clean '%s'%s, noisy '%s'%s", text, c.text(), okC ? "" : " MISS", z.text(), okZ ? "" : " MISS"));
            }
        }
        String report = String.format(Locale.ROOT,
                "spoken commands: %d utterances (%d words); exact plans clean %d/%d = %.1f%%, noisy (15 dB SNR) %d/%d = %.1f%%;"
                        + " WER clean %.1f%%, noisy %.1f%%; out-of-grammar clips that would move: %d; audio %.1f s decoded in %.1f s (RTF %.2f)",
                n, words, exactClean, n, 100.0 * exactClean / n, exactNoisy, n, 100.0 * exactNoisy / n, 100.0 * errClean / words,
                100.0 * errNoisy / words, oogMoved, audioS, decodeMs / 1000.0, decodeMs / 1000.0 / audioS);
        System.out.println(report);
        misses.forEach(m -> System.out.println("  " + m));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/speech-report.txt"), report + "\n" + String.join("\n", misses) + "\n");
        assertThat(n).isGreaterThanOrEqualTo(40);
        assertThat(exactClean).as(report).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * n));
        assertThat(exactNoisy).as(report).isGreaterThanOrEqualTo((int) Math.ceil(0.8 * n));
        assertThat(oogMoved).as(report).isLessThanOrEqualTo(2); // reported; big moves still wait for a yes
    }

    private static boolean moves(String text) {
        return planner.plan(text).actions().stream().anyMatch(Action::movesRobot);
    }
}
