package org.classbot.launch.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.classbot.launch.app.CliRunner.run;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.speech.AudioFiles;
import org.classbot.launch.app.CliRunner.Run;
import org.classbot.launch.app.Json;

/** {@code classbot listen} and {@code say} with real audio: the pocketsphinx recording and espeak-ng speech. */
class VoiceCommandsTest {

    private static final Path GOFORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");

    @TempDir
    Path tmp;

    @Test
    void should_hear_go_forward_ten_meters_and_plan_move_10() throws Exception {
        assumeTrue(Files.isRegularFile(GOFORWARD), "pocketsphinx-testdata is not installed");
        Run r = run("listen", GOFORWARD.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.get("text").asText()).isEqualTo("go forward ten meters");
        assertThat(doc.get("lang").asText()).isEqualTo("en");
        assertThat(doc.get("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(doc.get("actions").toString()).isEqualTo("[{\"action\":\"move\",\"distance_m\":10.0}]");
    }

    @Test
    void should_hold_the_ten_meter_move_for_confirmation_when_asked_to_do_it() {
        assumeTrue(Files.isRegularFile(GOFORWARD), "pocketsphinx-testdata is not installed");
        Run r = run("listen", GOFORWARD.toString(), "--do");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("heard: \"go forward ten meters\"");
        assertThat(r.err()).contains("confirm").contains("nothing moved");
    }

    @Test
    void should_execute_a_spoken_turn_on_the_simulator(@TempDir Path dir) throws Exception {
        assumeTrue(tool("espeak-ng"), "espeak-ng is not installed");
        Path wav = dir.resolve("left.wav");
        assertThat(run("say", "turn left", "--out", wav.toString()).exit()).isZero();
        Run r = run("listen", wav.toString(), "--do", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.get("text").asText()).isEqualTo("turn left");
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.at("/pose/theta_deg").asDouble()).isCloseTo(90, within(2.0));
    }

    @Test
    void should_write_mandarin_speech_to_a_wav() throws Exception {
        assumeTrue(tool("espeak-ng"), "espeak-ng is not installed");
        Path wav = tmp.resolve("zh.wav");
        Run r = run("say", "同学们好，我是课堂机器人。", "--out", wav.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("cmn-latn-pinyin");
        assertThat(AudioFiles.read(wav).seconds()).isBetween(1.0, 8.0);
        assertThat(AudioFiles.read(wav).rmsDb()).isGreaterThan(-35);
    }

    @Test
    void should_say_which_chinese_model_to_install_when_none_is_configured() throws Exception {
        Path wav = tmp.resolve("x.wav");
        AudioFiles.writeWav(org.classbot.agent.speech.Audio.of(new short[16000]), wav);
        Run r = run("listen", wav.toString(), "--lang", "zh");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("vosk-model-small-cn-0.22").contains("voice.vosk_model");
    }

    /** A piper voice the school was meant to provide but is not there: one line saying what to put where, exit 2. */
    @Test
    void should_say_what_piper_voice_to_install_when_the_configured_one_is_missing() throws Exception {
        java.nio.file.Path cfg = tmp.resolve("piper.yaml");
        java.nio.file.Files.writeString(cfg, "voice:\n  piper_voice: " + tmp.resolve("zh_CN-huayan-medium.onnx") + "\n");
        Run r = run("say", "你好", "--config", cfg.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no piper voice at").contains(".onnx.json").contains("voice.piper_voice");
    }

    @Test
    void should_refuse_bad_arguments_with_one_line() {
        assertThat(run("listen").exit()).isEqualTo(2);
        Run lang = run("listen", "x.wav", "--lang", "fr");
        assertThat(lang.exit()).isEqualTo(2);
        assertThat(lang.err()).contains("en or zh");
        Run missing = run("listen", tmp.resolve("none.wav").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("找不到音频文件");
    }

    @Test
    void should_explain_in_both_languages_when_there_is_no_microphone() {
        Run r = run("listen", "--mic", "--seconds", "0.5");
        if (r.exit() == 2 && r.err().contains("microphone")) {
            assertThat(r.err()).contains("没有找到麦克风");
        } else {
            assertThat(r.exit()).isIn(0, 2); // a machine with a capture device heard something or nothing
        }
    }

    @Test
    void should_say_once_why_run_voice_is_off_and_keep_the_console() throws Exception {
        org.classbot.launch.app.ClassbotApp app = org.classbot.launch.app.ClassbotApp.load(null);
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (org.classbot.bridge.safety.SafetyGovernor robot = app.robots().connect(new org.classbot.launch.robot.ConnectionOptions(), false);
             org.classbot.agent.dialogue.Dialogue dialogue = new org.classbot.agent.dialogue.Dialogue(app.planner("offline"),
                     app.executor(robot, org.classbot.agent.skill.Answerer.none("test"), org.classbot.agent.skill.Vision.none("test")));
             AutoCloseable voice = VoiceSession.start(app, dialogue, lines::add)) {
            assertThat(lines).hasSize(1);
            if (lines.get(0).startsWith("语音未开启")) { // no capture device, as on the build machines
                assertThat(lines.get(0)).contains("voice off").contains("没有找到麦克风");
            }
            assertThat(dialogue.hear("turn left").actions()).hasSize(1);
        }
    }

    private static boolean tool(String name) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + name).start();
        return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
