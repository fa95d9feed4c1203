package org.classbot.perception.model;

import ai.onnxruntime.OrtSession;

import org.classbot.perception.StageTimes;

/**
 * Runs one {@link OnnxTranslator} on one {@link OnnxModel}, DJL's {@code Predictor} shape:
 * pre-process, {@code session.run}, post-process, each timed into {@link #lastTimes()}, with the
 * input tensors and the outputs always closed. Borrows the model (closing it is the runner's job).
 * Not thread-safe, like the session it runs.
 */
public final class OnnxPredictor<I, O> {

    private final OnnxModel model;
    private final OnnxTranslator<I, ?, O> translator;
    private StageTimes last = StageTimes.NONE;

    private OnnxPredictor(OnnxModel model, OnnxTranslator<I, ?, O> translator) {
        this.model = model;
        this.translator = translator;
    }

    public static <I, O> OnnxPredictor<I, O> of(OnnxModel model, OnnxTranslator<I, ?, O> translator) {
        return new OnnxPredictor<>(model, translator);
    }

    public O predict(I input) {
        return run(translator, input);
    }

    private <G> O run(OnnxTranslator<I, G, O> t, I input) {
        long t0 = System.nanoTime();
        try (Prepared<G> p = t.pre(model.environment(), input)) {
            long t1 = System.nanoTime();
            try (OrtSession.Result r = model.run(p.feed())) {
                long t2 = System.nanoTime();
                O out = t.post(r, p.geometry());
                last = new StageTimes(t1 - t0, t2 - t1, System.nanoTime() - t2);
                return out;
            }
        }
    }

    /** The time split of the last {@link #predict} call. */
    public StageTimes lastTimes() {
        return last;
    }

    public OnnxModel model() {
        return model;
    }
}
