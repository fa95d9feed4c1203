package org.classbot.perception.track;

import org.classbot.perception.Box;
import org.classbot.perception.Detection;

/**
 * A tracked object as of one frame. {@code id} is stable for as long as the object is followed
 * (ids start at 1 and are never reused within one tracker); {@code detection} is the latest
 * observation (its box may have been refined, e.g. from pose keypoints); {@code hits} frames
 * matched so far; {@code missed} consecutive frames without a match (0 = seen in this frame);
 * {@code confirmed} once seen in {@code minHits} frames.
 */
public record Track(int id, Detection detection, long firstFrame, long lastFrame, int hits, int missed,
                    boolean confirmed) {

    public Box box() { return detection.box(); }

    public boolean seenNow() { return missed == 0; }
}
