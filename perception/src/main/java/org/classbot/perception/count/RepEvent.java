package org.classbot.perception.count;

/**
 * One repetition: which tracked person, the frame and time at which the flexed position was
 * reached, the running count for that person, and the smoothed angle then.
 */
public record RepEvent(Exercise exercise, int person, long frame, double timeSeconds, int count, double angle) {
}
