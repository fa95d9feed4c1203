package org.classbot.agent.speech;

/**
 * The fallback detector: frame energy against a running noise floor (the floor follows quiet frames
 * quickly and loud ones very slowly). A frame 12 dB over the floor, and over -50 dBFS, is speech.
 */
public final class EnergyVad implements Vad {

    private static final int FRAME = 512;
    private double floorDb = -70;

    @Override
    public int frameSize() {
        return FRAME;
    }

    @Override
    public float speech(short[] frame) {
        double db = Audio.of(frame).rmsDb();
        double over = db - floorDb;
        floorDb += (db < floorDb ? 0.3 : 0.005) * (db - floorDb);
        if (db < -50) {
            return 0;
        }
        return (float) Math.max(0, Math.min(1, (over - 6) / 12));
    }

    @Override
    public void reset() {
        floorDb = -70;
    }

    @Override
    public String name() {
        return "energy";
    }
}
