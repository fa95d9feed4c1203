package org.classbot.perception.pipeline;

import org.classbot.perception.count.RepEvent;

/**
 * Receives perception results as they happen, e.g. to publish them on the robot's
 * {@code classbot/{robot}/perception} topic (wired outside this module) or to show them in the UI.
 * Called on the pipeline's thread; keep it short. Both methods default to doing nothing.
 */
public interface PerceptionListener {

    /** Every processed frame. */
    default void onFrame(FrameResult result) {
    }

    /** Each repetition, as soon as it is counted (also contained in the frame's result). */
    default void onRep(RepEvent rep) {
    }
}
