package org.classbot.bridge.safety;

import org.classbot.bridge.Twist;

/**
 * What the governor is doing now.
 *
 * @param estopped        the latched e-stop (local or reported by the robot) is active
 * @param watchdogTripped the last command grew stale and the governor stopped the robot
 * @param geofenceBlocked forward/backward motion is being held back at the geofence
 * @param clamped         the last command was above a speed limit and was clamped
 * @param target          the accepted command after clamping
 * @param output          what is being sent to the robot now (after ramps and interventions)
 * @param lastIntervention the newest reason the governor changed or refused a command ("" if none)
 */
public record SafetyStatus(boolean estopped, boolean watchdogTripped, boolean geofenceBlocked, boolean clamped,
                           Twist target, Twist output, String lastIntervention) {
}
