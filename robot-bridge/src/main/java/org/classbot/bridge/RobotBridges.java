package org.classbot.bridge;

import java.util.Objects;

import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;

/**
 * The way applications get a robot: every bridge handed out here is wrapped in the
 * {@link SafetyGovernor}, so nothing an application sends reaches a robot around the policy.
 */
public final class RobotBridges {

    private RobotBridges() {
    }

    /**
     * Agent side: connects to the robot the spec names, over its profile's transport, governed.
     *
     * @throws IllegalArgumentException for an unknown profile or bad options (names the known ones)
     * @throws RobotBridgeException     when the robot or its broker/master cannot be reached
     */
    public static SafetyGovernor connect(ConnectionSpec spec, SafetyLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Transports.checkOptions(spec);
        RobotBridge raw = Transports.forProfile(spec.profile()).connect(spec);
        return SafetyGovernor.wrap(raw, limits);
    }

    /**
     * Robot side ({@code classbot sim}): exposes a governed local robot over the spec's transport so
     * that agents elsewhere can drive it; the robot's own governor checks every remote command too.
     */
    public static AutoCloseable serve(SafetyGovernor localRobot, ConnectionSpec spec) {
        Objects.requireNonNull(localRobot, "localRobot");
        Transports.checkOptions(spec);
        return Transports.forProfile(spec.profile()).serve(localRobot, spec);
    }
}
