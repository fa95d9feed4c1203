package org.classbot.launch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.Json;

/**
 * The voice panel's push-to-talk over HTTP (what the page posts after recording): a real spoken "turn left" (espeak-ng,
 * 22 kHz WAV as a browser might send any rate) is recognized by the embedded Sphinx4 recognizer and said to the
 * simulated robot like typed text; a non-WAV is a 400, Chinese without a model a 503 naming what to install.
 */
class DashboardVoiceTest {

    @AutoClose
    private DashboardRig rig;

    @Test
    void should_recognize_a_push_to_talk_recording_and_drive_like_typed_text(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "skipped: espeak-ng not installed");
        Path wav = tmp.resolve("turn-left.wav");
        Process p = new ProcessBuilder("/usr/bin/espeak-ng", "-v", "en-us", "-s", "140", "-w", wav.toString(), "turn left")
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        rig = DashboardRig.sim("webvoice").optVoice().start();
        SafetyGovernor robot = rig.robot();
        Dialogue dialogue = rig.dialogue();
        String base = rig.base();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> heard = post(http, base, "{\"wav\":\"" + Base64.getEncoder().encodeToString(Files.readAllBytes(wav))
                + "\",\"lang\":\"en\"}");
        assertThat(heard.statusCode()).as(heard.body()).isEqualTo(200);
        JsonNode doc = Json.MAPPER.readTree(heard.body());
        assertThat(doc.get("text").asText()).isEqualTo("turn left");
        assertThat(doc.at("/actions/0/action").asText()).isEqualTo("turn");
        assertThat(dialogue.awaitIdle(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Math.toDegrees(robot.state().pose().theta())).isCloseTo(90, within(3.0));

        HttpResponse<String> notWav = post(http, base, "{\"wav\":\"" + Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)) + "\"}");
        assertThat(notWav.statusCode()).isEqualTo(400);
        assertThat(notWav.body()).contains("WAV");
        HttpResponse<String> zh = post(http, base, "{\"wav\":\"" + Base64.getEncoder().encodeToString(Files.readAllBytes(wav)) + "\",\"lang\":\"zh\"}");
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(503);
        assertThat(zh.body()).containsIgnoringCase("vosk");
    }

    private static HttpResponse<String> post(HttpClient http, String base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/voice")).header("Content-Type", "application/json")
                .header("Origin", base).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
