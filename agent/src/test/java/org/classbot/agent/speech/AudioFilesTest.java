package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio formats: any PCM WAV becomes 16 kHz mono; raw is s16le; other files fail with one bilingual line. */
class AudioFilesTest {

    @Test
    void should_convert_a_stereo_44k_wav_to_16k_mono(@TempDir Path dir) throws Exception {
        int rate = 44_100;
        byte[] pcm = new byte[rate * 4]; // 1 s, 2 channels, 16-bit: a 440 Hz tone left, silence right
        for (int i = 0; i < rate; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 16000);
            pcm[4 * i] = (byte) v;
            pcm[4 * i + 1] = (byte) (v >> 8);
        }
        Path wav = dir.resolve("stereo.wav");
        AudioFormat f = new AudioFormat(rate, 16, 2, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), f, rate), AudioFileFormat.Type.WAVE, wav.toFile());
        Audio a = AudioFiles.read(wav);
        assertThat(a.seconds()).isCloseTo(1.0, within(0.01));
        assertThat(a.rmsDb()).isCloseTo(20 * Math.log10(16000 / 32768.0 / 2 / Math.sqrt(2)), within(1.0)); // averaged with silence
        Path back = dir.resolve("back.wav");
        AudioFiles.writeWav(a, back);
        AudioFormat written = AudioSystem.getAudioFileFormat(back.toFile()).getFormat();
        assertThat(written.getSampleRate()).isEqualTo(16000f);
        assertThat(written.getChannels()).isEqualTo(1);
        assertThat(written.getSampleSizeInBits()).isEqualTo(16);
    }

    @Test
    void should_read_raw_s16le_as_16k_mono(@TempDir Path dir) throws Exception {
        Path raw = Files.write(dir.resolve("x.raw"), new byte[]{1, 0, -1, -1, 0, 64});
        Audio a = AudioFiles.read(raw);
        assertThat(a.length()).isEqualTo(3);
        assertThat(a.sample(0)).isEqualTo((short) 1);
        assertThat(a.sample(1)).isEqualTo((short) -1);
        assertThat(a.sample(2)).isEqualTo((short) 16384);
    }

    @Test
    void should_refuse_a_missing_file_and_a_file_that_is_not_audio(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> AudioFiles.read(dir.resolve("none.wav"))).isInstanceOf(IOException.class).hasMessageContaining("找不到");
        Path mp3 = Files.writeString(dir.resolve("song.wav"), "ID3 not a wav at all");
        assertThatThrownBy(() -> AudioFiles.read(mp3)).isInstanceOf(IOException.class).hasMessageContaining("不是 PCM WAV");
    }

    @Test
    void should_read_8_bit_unsigned_and_resample_8k() throws Exception {
        byte[] pcm = new byte[8000];
        java.util.Arrays.fill(pcm, (byte) 0xC0); // +0.5 full scale, unsigned
        AudioFormat f = new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 8000, 8, 1, 1, 8000, false);
        Audio a = AudioFiles.decode(new AudioInputStream(new ByteArrayInputStream(pcm), f, pcm.length));
        assertThat(a.length()).isEqualTo(16000);
        assertThat(a.sample(8000)).isEqualTo((short) 16384);
    }
}
