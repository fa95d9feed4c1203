package org.classbot.agent.plan;

import java.util.Objects;

/**
 * What a plan may ask for before anything moves: a planner's output (above all an LLM's) is checked
 * against these by {@link PlanValidator}. The robot's safety governor still enforces its own speed
 * limits and geofence; these stop an absurd plan before the first command.
 *
 * @param maxDistanceM  largest |distance_m| of one move
 * @param maxAngleDeg   largest |angle_deg| of one turn
 * @param maxSpeedMps   largest speed_mps (the robot's linear speed limit)
 * @param maxActions    most actions in one plan
 * @param maxTextChars  longest speak text / question
 * @param maxTarget     largest repetition target
 * @param places        the places go_to may name
 */
public record PlanLimits(double maxDistanceM, double maxAngleDeg, double maxSpeedMps, int maxActions, int maxTextChars,
                         int maxTarget, PlaceCatalog places) {

    public PlanLimits {
        if (!(maxDistanceM > 0) || !(maxAngleDeg > 0) || !(maxSpeedMps > 0) || maxActions <= 0 || maxTextChars <= 0 || maxTarget <= 0) {
            throw new IllegalArgumentException("plan limits must be positive");
        }
        Objects.requireNonNull(places, "places");
    }

    /** 10 m per move, three full turns, 0.5 m/s, 20 actions, 500 characters, 1000 repetitions. */
    public static PlanLimits defaults(PlaceCatalog places) {
        return new PlanLimits(10.0, 1080.0, 0.5, 20, 500, 1000, places);
    }

    public PlanLimits withMaxSpeed(double mps) {
        return new PlanLimits(maxDistanceM, maxAngleDeg, mps, maxActions, maxTextChars, maxTarget, places);
    }
}
