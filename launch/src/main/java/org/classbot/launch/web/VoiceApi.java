package org.classbot.launch.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.classbot.agent.speech.Audio;
import org.classbot.agent.speech.AudioFiles;
import org.classbot.agent.speech.SpeechRecognizer;
import org.classbot.agent.speech.Transcript;

/**
 * The voice panel's push-to-talk (issues 10 and 11): {@code POST /api/voice {"wav":"BASE64","lang":"en"|"zh"}}, the
 * browser's recording as a PCM WAV (any rate and channels; converted to 16 kHz mono), recognized on the server and
 * then said to the robot exactly like typed text ({@code say}: the same non-command filter, limits and big-move
 * confirmation). One recognizer per language, built on first use and kept (Sphinx takes seconds to load).
 */
final class VoiceApi {

    /** About 60 s of 16-bit 48 kHz mono: a push-to-talk utterance is far shorter. */
    static final int MAX_WAV_BYTES = 6 * 1024 * 1024;

    private final Function<String, SpeechRecognizer> recognizers;
    private final Map<String, SpeechRecognizer> open = new ConcurrentHashMap<>();
    private final ConsoleActions actions;

    VoiceApi(Function<String, SpeechRecognizer> recognizers, ConsoleActions actions) {
        this.recognizers = recognizers;
        this.actions = actions;
    }

    boolean available() {
        return recognizers != null;
    }

    Map<String, Object> listen(JsonNode body) {
        if (recognizers == null) {
            throw new WebError(503, "voice is not set up in this session / 本次未开启语音");
        }
        if (body == null || !body.isObject() || !body.path("wav").isTextual()) {
            throw new WebError(400, "send {\"wav\":\"BASE64 of a PCM WAV\",\"lang\":\"en\"} / 请发送录音");
        }
        String lang = body.path("lang").asText("en");
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw new WebError(400, "lang must be en or zh / 语言只能是 en 或 zh");
        }
        byte[] wav;
        try {
            wav = Base64.getDecoder().decode(body.path("wav").asText());
        } catch (IllegalArgumentException e) {
            throw new WebError(400, "wav is not base64 / 录音不是 base64");
        }
        if (wav.length > MAX_WAV_BYTES) {
            throw new WebError(413, "the recording is too long (" + wav.length / 1024 + " KiB); hold the button only while speaking / 录音太长");
        }
        Audio audio;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(new ByteArrayInputStream(wav)))) {
            audio = AudioFiles.decode(in);
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new WebError(400, "not a PCM WAV recording / 不是 PCM WAV 录音: " + e.getMessage());
        }
        SpeechRecognizer r;
        try {
            r = open.computeIfAbsent(lang, recognizers);
        } catch (RuntimeException e) {
            // e.g. no Chinese model: the adapter's one line says what to install and where
            throw new WebError(503, e.getMessage());
        }
        Transcript t;
        synchronized (r) {
            t = r.recognize(audio);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", t.text());
        out.put("confidence", Math.round(t.confidence() * 1000) / 1000.0);
        out.put("lang", t.lang());
        out.put("engine", t.engine());
        if (t.text().isEmpty()) {
            out.put("message", "没听清，请再说一遍 / I did not catch that; please say it again");
            return out;
        }
        out.putAll(actions.run("say", JsonNodeFactory.instance.objectNode().put("text", t.text()), null));
        return out;
    }

    void close() {
        open.values().forEach(SpeechRecognizer::close);
        open.clear();
    }
}
