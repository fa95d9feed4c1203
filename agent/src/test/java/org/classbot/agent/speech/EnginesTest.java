package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vosk and whisper.cpp without a model (none can be fetched here): each failure is one line saying what to get and where. */
class EnginesTest {

    @Test
    void should_tell_what_vosk_model_to_download_when_none_is_configured_or_found(@TempDir Path dir) {
        assertThatThrownBy(() -> VoskRecognizer.open(null, "zh")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("vosk-model-small-cn-0.22").hasMessageContaining("voice.vosk_model").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> VoskRecognizer.open(dir.resolve("missing"), "zh")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("https://alphacephei.com/vosk/models").hasMessageContaining("找不到 Vosk 模型");
        assertThatThrownBy(() -> VoskRecognizer.open(dir, "en")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("am/final.mdl").hasMessageContaining("vosk-model-small-en-us-0.15");
    }

    @Test
    void should_fail_in_vosk_itself_on_a_folder_that_only_looks_like_a_model(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("am"));
        Files.writeString(dir.resolve("am/final.mdl"), "not kaldi");
        assertThatThrownBy(() -> VoskRecognizer.open(dir, "zh")).isInstanceOf(SpeechException.class).hasMessageContaining("Vosk");
    }

    @Test
    void should_read_vosk_results_in_both_languages() {
        Transcript zh = VoskRecognizer.parse("{\"result\":[{\"conf\":0.9,\"word\":\"前进\"},{\"conf\":0.7,\"word\":\"两米\"}],\"text\":\"前进 两米\"}", "zh", 5);
        assertThat(zh.text()).isEqualTo("前进两米");
        assertThat(zh.confidence()).isEqualTo(0.8, org.assertj.core.api.Assertions.within(1e-9));
        Transcript en = VoskRecognizer.parse("{\"text\":\"turn left\"}", "en", 5);
        assertThat(en.text()).isEqualTo("turn left");
        assertThat(VoskRecognizer.parse("{\"text\":\"\"}", "zh", 1).isEmpty()).isTrue();
    }

    @Test
    void should_tell_what_whisper_model_to_download_and_refuse_a_file_that_is_not_ggml(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> WhisperRecognizer.open(null, "zh")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("ggml-small.bin").hasMessageContaining("voice.whisper_model");
        assertThatThrownBy(() -> WhisperRecognizer.open(dir.resolve("ggml-small.bin"), "zh")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("huggingface.co/ggerganov/whisper.cpp").hasMessageContaining("找不到 whisper 模型");
        Path onnx = Files.write(dir.resolve("model.bin"), new byte[]{8, 1, 18, 7, 'p', 'y', 't', 'o'});
        assertThatThrownBy(() -> WhisperRecognizer.open(onnx, "zh")).isInstanceOf(SpeechException.class).hasMessageContaining("wrong magic");
    }

    @Test
    void should_refuse_a_truncated_ggml_file_before_whisper_loads_it(@TempDir Path dir) throws Exception {
        Path bad = Files.write(dir.resolve("ggml-tiny.bin"), new byte[]{'l', 'm', 'g', 'g', 0, 0, 0, 0}); // whisper.cpp would take it
        assertThatThrownBy(() -> WhisperRecognizer.open(bad, "zh")).isInstanceOf(SpeechException.class)
                .hasMessageContaining("truncated").hasMessageContaining("不完整");
    }
}
