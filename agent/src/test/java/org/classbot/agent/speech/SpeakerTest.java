package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** espeak-ng out: the voice follows the script; Mandarin to WAV has the right length and is not silent; text-only fallback. */
class SpeakerTest {

    @Test
    void should_pick_the_voice_by_the_texts_script() {
        assertThat(EspeakSpeaker.voiceFor("同学们好")).isEqualTo("cmn-latn-pinyin");
        assertThat(EspeakSpeaker.voiceFor("OK，前进两米")).isEqualTo("cmn-latn-pinyin");
        assertThat(EspeakSpeaker.voiceFor("Hello, class")).isEqualTo("en-us");
    }

    @Test
    void should_write_mandarin_speech_as_a_16k_mono_wav(@TempDir Path dir) throws Exception {
        SpeechTestAudio.assumeTools();
        Speaker s = Speakers.detect("");
        assertThat(s.name()).isEqualTo("espeak-ng");
        Path wav = dir.resolve("zh.wav");
        assertThat(s.synthesize("同学们好，请坐下。机器人现在前进两米。", wav)).isTrue();
        Audio a = AudioFiles.read(wav);
        assertThat(a.seconds()).isBetween(2.0, 8.0);
        assertThat(a.rmsDb()).isGreaterThan(-35);
        int loudFrames = 0;
        for (int i = 0; i + 160 <= a.length(); i += 160) {
            loudFrames += a.slice(i, i + 160).rmsDb() > -40 ? 1 : 0;
        }
        assertThat(loudFrames * 0.01).as("seconds of sound").isGreaterThan(1.0);
        s.close();
    }

    @Test
    void should_fall_back_to_text_only_when_espeak_is_absent(@TempDir Path dir) {
        Speaker s = Speakers.detect(dir.resolve("no-espeak-ng").toString());
        assertThat(s.name()).isEqualTo("text");
        s.say("hello");
        assertThat(s.synthesize("hello", dir.resolve("x.wav"))).isFalse();
        assertThat(dir.resolve("x.wav")).doesNotExist();
    }
}
