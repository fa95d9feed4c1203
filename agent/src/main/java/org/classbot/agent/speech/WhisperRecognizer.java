package org.classbot.agent.speech;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;

/**
 * whisper.cpp through whisper-jni (Linux x86-64 natives inside the jar) over a ggml model file the school
 * provides. For Chinese: {@code ggml-small.bin} (466 MB; {@code ggml-base.bin} 142 MB is faster, less exact)
 * from https://huggingface.co/ggerganov/whisper.cpp, set as {@code voice.whisper_model}; the ".en" models
 * are English only.
 */
public final class WhisperRecognizer implements SpeechRecognizer {

    private final String lang;
    private final WhisperJNI whisper;
    private final WhisperContext context;

    private WhisperRecognizer(String lang, WhisperJNI whisper, WhisperContext context) {
        this.lang = lang;
        this.whisper = whisper;
        this.context = context;
    }

    public static WhisperRecognizer open(Path model, String lang) {
        checkModel(model);
        try {
            WhisperJNI.loadLibrary();
            WhisperJNI.setLibraryLogger(null);
            WhisperJNI w = new WhisperJNI();
            WhisperContext ctx = w.init(model);
            if (ctx == null) {
                throw new IOException("whisper.cpp refused the file (truncated or not a whisper model)");
            }
            return new WhisperRecognizer(lang, w, ctx);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new SpeechException("whisper.cpp could not load " + model + " (" + e.getMessage() + ") / whisper 无法加载模型", e);
        }
    }

    /** The ggml file's magic ("lmgg", i.e. 0x67676d6c little-endian) before any native code runs. */
    static void checkModel(Path model) {
        String hint = "download ggml-small.bin (Chinese and English) from https://huggingface.co/ggerganov/whisper.cpp"
                + " to ~/.classbot/models/ and set voice.whisper_model to it";
        if (model == null || model.toString().isBlank()) {
            throw new SpeechException("no whisper model configured: " + hint + " / 未配置 whisper 模型：请下载 ggml-small.bin 并设置 voice.whisper_model");
        }
        if (!Files.isRegularFile(model)) {
            throw new SpeechException("no whisper model at " + model + ": " + hint + " / 找不到 whisper 模型 " + model);
        }
        byte[] head = new byte[48];
        try (InputStream in = Files.newInputStream(model)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n < 4 || !new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("lmgg")) {
                throw new SpeechException(model + " is not a whisper.cpp ggml model (wrong magic): " + hint
                        + " / 不是 whisper.cpp 的 ggml 模型文件");
            }
            // whisper.cpp itself accepts a truncated file without an error, so the header is checked here:
            // n_vocab (51864 / 51865 / 51866) and n_mels (80 or 128) after the magic, and a plausible size
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int vocab = n >= 8 ? b.getInt(4) : 0;
            int mels = n >= 44 ? b.getInt(40) : 0;
            if (vocab < 51_000 || vocab > 52_000 || (mels != 80 && mels != 128) || Files.size(model) < 10_000_000) {
                throw new SpeechException(model + " is truncated or not a whisper model (bad header): " + hint
                        + " / whisper 模型文件不完整或不是 whisper 模型");
            }
        } catch (IOException e) {
            throw new SpeechException("cannot read " + model + " / 无法读取模型文件: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Transcript recognize(Audio utterance) {
        long t0 = System.nanoTime();
        WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        p.language = lang;
        p.translate = false;
        p.noContext = true;
        p.singleSegment = true;
        p.printProgress = false;
        float[] samples = utterance.floats();
        if (whisper.full(context, p, samples, samples.length) != 0) {
            throw new SpeechException("whisper.cpp failed on the clip / whisper 识别失败");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < whisper.fullNSegments(context); i++) {
            b.append(whisper.fullGetSegmentText(context, i));
        }
        String text = b.toString().strip();
        return new Transcript(text, text.isEmpty() ? 0 : 0.7, lang, "whisper", (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public String lang() {
        return lang;
    }

    @Override
    public synchronized void close() {
        context.close();
    }
}
