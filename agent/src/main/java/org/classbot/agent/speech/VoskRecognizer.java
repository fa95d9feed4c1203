package org.classbot.agent.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Vosk (Kaldi) for Chinese or large-vocabulary English, over a model folder the school provides
 * (none can be fetched here). For Chinese: {@code vosk-model-small-cn-0.22} (42 MB, runs on a laptop CPU)
 * or {@code vosk-model-cn-0.22} (1.3 GB, more exact) from https://alphacephei.com/vosk/models, unzipped
 * so that {@code voice.vosk_model} points at the folder holding {@code am/} and {@code conf/}.
 */
public final class VoskRecognizer implements SpeechRecognizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String lang;
    private final org.vosk.Model model;

    private VoskRecognizer(String lang, org.vosk.Model model) {
        this.lang = lang;
        this.model = model;
    }

    /** Opens the model folder; one bilingual line saying what to download and where when it is not there. */
    public static VoskRecognizer open(Path folder, String lang) {
        checkFolder(folder, lang);
        try {
            org.vosk.LibVosk.setLogLevel(org.vosk.LogLevel.WARNINGS);
            return new VoskRecognizer(lang, new org.vosk.Model(folder.toString()));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new SpeechException("Vosk could not load the model in " + folder + " (" + e.getMessage() + ") / Vosk 无法加载模型", e);
        }
    }

    static void checkFolder(Path folder, String lang) {
        String what = lang.equals("zh") ? "vosk-model-small-cn-0.22" : "vosk-model-small-en-us-0.15";
        if (folder == null || folder.toString().isBlank()) {
            throw new SpeechException("no Vosk model configured: download " + what + ".zip from https://alphacephei.com/vosk/models,"
                    + " unzip it to ~/.classbot/models/" + what + " and set voice.vosk_model to that folder"
                    + " / 未配置 Vosk 模型：请下载 " + what + " 并把 voice.vosk_model 设为解压后的文件夹");
        }
        if (!Files.isDirectory(folder)) {
            throw new SpeechException("no Vosk model at " + folder + ": download " + what + ".zip from https://alphacephei.com/vosk/models"
                    + " and unzip it there / 找不到 Vosk 模型 " + folder + "：请下载 " + what + " 并解压到此处");
        }
        boolean kaldi = Files.isRegularFile(folder.resolve("am/final.mdl")) || Files.isRegularFile(folder.resolve("final.mdl"));
        if (!kaldi) {
            throw new SpeechException(folder + " is not a Vosk model folder (no am/final.mdl): unzip " + what
                    + ".zip so that this folder holds am/ and conf/ / 不是 Vosk 模型文件夹（缺少 am/final.mdl）");
        }
    }

    @Override
    public Transcript recognize(Audio utterance) {
        long t0 = System.nanoTime();
        try (org.vosk.Recognizer r = new org.vosk.Recognizer(model, Audio.SAMPLE_RATE)) {
            r.setWords(true);
            byte[] pcm = utterance.pcm16le();
            r.acceptWaveForm(pcm, pcm.length);
            return parse(r.getFinalResult(), lang, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new SpeechException("Vosk failed / Vosk 识别失败: " + e.getMessage(), e);
        }
    }

    /** Vosk's final result JSON → transcript: text (Chinese words joined without spaces), mean word confidence. */
    static Transcript parse(String json, String lang, long ms) {
        try {
            JsonNode n = JSON.readTree(json);
            String text = n.path("text").asText("");
            if (lang.equals("zh")) {
                text = text.replace(" ", "");
            }
            double conf = 0;
            int k = 0;
            for (JsonNode w : n.path("result")) {
                conf += w.path("conf").asDouble(0);
                k++;
            }
            return new Transcript(text, text.isBlank() ? 0 : k == 0 ? 0.5 : conf / k, lang, "vosk", ms);
        } catch (IOException e) {
            throw new SpeechException("Vosk gave a result that is not JSON / Vosk 结果无法解析: " + json, e);
        }
    }

    @Override
    public String lang() {
        return lang;
    }

    @Override
    public void close() {
        model.close();
    }
}
