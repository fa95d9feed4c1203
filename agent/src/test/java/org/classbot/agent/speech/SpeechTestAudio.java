package org.classbot.agent.speech;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Real test audio: espeak-ng voices converted by sox (Debian packages espeak-ng and sox), made in the test's temp folder. */
final class SpeechTestAudio {

    static final Path GOFORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");

    private SpeechTestAudio() {
    }

    static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static void assumeTools() {
        assumeTrue(has("espeak-ng") && has("sox"), "espeak-ng and sox (Debian) are needed to synthesize the test speech; skipping");
    }

    /** espeak-ng → WAV (22.05 kHz) → sox → 16 kHz mono 16-bit WAV; returns the 16 kHz file. */
    static Path synthesize(Path dir, String name, String text, String voice, int speed, int pitch) throws IOException, InterruptedException {
        Path raw = dir.resolve(name + ".espeak.wav");
        Path wav = dir.resolve(name + ".wav");
        run(List.of("espeak-ng", "-v", voice, "-s", Integer.toString(speed), "-p", Integer.toString(pitch), "-w", raw.toString(), text));
        run(List.of("sox", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", wav.toString()));
        Files.delete(raw);
        return wav;
    }

    /** The clip with white noise added at the given signal-to-noise ratio (dB, over the whole clip). */
    static Audio withNoise(Audio clean, double snrDb, long seed) {
        double rms = Math.pow(10, clean.rmsDb() / 20) * 32768;
        double noise = rms / Math.pow(10, snrDb / 20);
        Random r = new Random(seed);
        short[] s = clean.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(s[i] + r.nextGaussian() * noise)));
        }
        return Audio.of(s);
    }

    /** Silence of the given length (a little dither). */
    /** The sample index just past the last 10 ms frame louder than -45 dBFS: where speech in a clip ends. */
    static long lastLoudSample(Audio a) {
        int frame = Audio.SAMPLE_RATE / 100;
        long last = 0;
        for (int i = 0; i + frame <= a.length(); i += frame) {
            if (a.slice(i, i + frame).rmsDb() > -45) {
                last = i + frame;
            }
        }
        return last;
    }

    static Audio silence(double seconds) {
        short[] s = new short[(int) (seconds * Audio.SAMPLE_RATE)];
        Random r = new Random(1);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (r.nextInt(7) - 3);
        }
        return Audio.of(s);
    }

    static Audio concat(Audio... parts) {
        int n = 0;
        for (Audio a : parts) {
            n += a.length();
        }
        short[] s = new short[n];
        int o = 0;
        for (Audio a : parts) {
            System.arraycopy(a.samples(), 0, s, o, a.length());
            o += a.length();
        }
        return Audio.of(s);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + String.join(" ", cmd));
        }
    }

    /** Word error rate's numerator: word-level edit distance. */
    static int wordErrors(String ref, String hyp) {
        String[] r = ref.isBlank() ? new String[0] : ref.strip().split("\\s+");
        String[] h = hyp.isBlank() ? new String[0] : hyp.strip().split("\\s+");
        int[][] d = new int[r.length + 1][h.length + 1];
        for (int i = 0; i <= r.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= h.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= r.length; i++) {
            for (int j = 1; j <= h.length; j++) {
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (r[i - 1].equals(h[j - 1]) ? 0 : 1));
            }
        }
        return d[r.length][h.length];
    }
}
