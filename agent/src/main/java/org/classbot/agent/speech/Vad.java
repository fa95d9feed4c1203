package org.classbot.agent.speech;

/**
 * Voice activity for fixed frames of 16 kHz samples: {@link SileroVad} (ONNX) or {@link EnergyVad}
 * (the fallback when the model is absent). Stateful (a stream at a time); not thread-safe.
 */
public interface Vad extends AutoCloseable {

    /** Samples per frame this detector takes (512 = 32 ms). */
    int frameSize();

    /** Probability-like score in [0, 1] that the frame is speech. */
    float speech(short[] frame);

    /** Forget the stream so far (a new utterance source). */
    void reset();

    /** "silero" or "energy". */
    String name();

    @Override
    default void close() {
    }
}
