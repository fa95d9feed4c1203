package org.classbot.agent.speech;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The piper adapter without a voice (none can be fetched here): every way a school's voice can be missing or wrong
 * is one bilingual line saying what to download and where, before any native code runs.
 */
class PiperSpeakerTest {

    @Test
    void should_say_what_to_install_when_no_voice_is_configured_or_found(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PiperSpeaker.checkVoice(null)).isInstanceOf(SpeechException.class)
                .hasMessageContaining("no piper voice configured").hasMessageContaining("voice.piper_voice").hasMessageContaining("未配置");
        Path onnx = dir.resolve("zh_CN-huayan-medium.onnx");
        assertThatThrownBy(() -> PiperSpeaker.checkVoice(onnx)).hasMessageContaining("no piper voice at " + onnx)
                .hasMessageContaining("zh_CN-huayan-medium");
        Files.write(onnx, new byte[] {0x08, 0x07, 0x12});
        assertThatThrownBy(() -> PiperSpeaker.checkVoice(onnx)).hasMessageContaining("zh_CN-huayan-medium.onnx.json")
                .hasMessageContaining("download both files");
        Files.writeString(dir.resolve("zh_CN-huayan-medium.onnx.json"), "{}");
        Files.writeString(onnx, "<html>not a model</html>");
        assertThatThrownBy(() -> PiperSpeaker.checkVoice(onnx)).hasMessageContaining("is not an ONNX voice");
    }
}
