package org.classbot.perception.pipeline;

import java.util.List;

import org.classbot.perception.Detection;
import org.classbot.perception.count.RepEvent;

/**
 * What the pipeline made of one frame: all detections (null entries never; empty when the detector
 * did not run on this frame), the tracked people with their poses, and the repetitions completed.
 */
public record FrameResult(long frame, double timeSeconds, boolean detected, List<Detection> detections,
                          List<PersonPose> people, List<RepEvent> reps) {

    public FrameResult {
        detections = List.copyOf(detections);
        people = List.copyOf(people);
        reps = List.copyOf(reps);
    }
}
