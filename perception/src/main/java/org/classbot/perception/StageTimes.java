package org.classbot.perception;

/**
 * Where one model call spent its time, in nanoseconds: {@code preprocess} (crop, resize/pad,
 * tensor packing), {@code inference} ({@code session.run} alone) and {@code postprocess}
 * (decoding, NMS, mapping back to image pixels). Model runners report the last call through
 * {@link Detector#lastTimes()} / {@link PoseEstimator#lastTimes()}; the benchmark sums them.
 */
public record StageTimes(long preprocessNanos, long inferenceNanos, long postprocessNanos) {

    public static final StageTimes NONE = new StageTimes(0, 0, 0);

    public StageTimes plus(StageTimes o) {
        return new StageTimes(preprocessNanos + o.preprocessNanos, inferenceNanos + o.inferenceNanos,
                postprocessNanos + o.postprocessNanos);
    }

    public long totalNanos() { return preprocessNanos + inferenceNanos + postprocessNanos; }
}
