package org.classbot.perception.pipeline;

import org.classbot.perception.Box;
import org.classbot.perception.PoseEstimate;

/** One tracked person in one frame: the track id, its box and its pose (null when not estimated). */
public record PersonPose(int person, Box box, PoseEstimate pose) {
}
