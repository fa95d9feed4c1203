package org.classbot.perception.count;

/** 3-frame median (drops single-frame spikes) followed by a time-based EMA. */
final class Smoother {
    private final double[] window = new double[3];
    private int n;
    private double value = Double.NaN;

    double update(double raw, double dt, double tau) {
        if (n < 3) {
            window[n++] = raw;
        } else {
            window[0] = window[1];
            window[1] = window[2];
            window[2] = raw;
        }
        double median = n < 3 ? raw : median3(window[0], window[1], window[2]);
        if (Double.isNaN(value)) {
            value = median;
        } else {
            value += (tau <= 0 ? 1 : 1 - Math.exp(-Math.max(0, dt) / tau)) * (median - value);
        }
        return value;
    }

    void reset() {
        n = 0;
        value = Double.NaN;
    }

    private static double median3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
