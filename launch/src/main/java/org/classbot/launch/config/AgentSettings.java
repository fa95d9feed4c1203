package org.classbot.launch.config;

import java.util.Locale;

import org.classbot.launch.app.UserError;

/**
 * {@code agent.*}: which planner, the plan limits (checked before anything moves), when a plan needs a yes,
 * and the camera of {@code classbot run} / {@code do}.
 */
public record AgentSettings(String planner, double maxDistanceM, double maxAngleDeg, int maxActions,
                            double confirmOverM, double confirmOverDeg, Camera camera) {

    /** {@code agent.camera.*}: "" source = no camera (its models: {@code perception.detect_model} / {@code pose_model}). */
    public record Camera(String source) {
    }

    public AgentSettings {
        planner = planner.strip().toLowerCase(Locale.ROOT);
        if (!planner.equals("auto") && !planner.equals("offline") && !planner.equals("llm")) {
            throw new UserError("agent.planner must be auto, offline or llm, got '" + planner + "'");
        }
        if (!(confirmOverM >= 0) || !(confirmOverDeg >= 0)) {
            throw new UserError("agent.confirm_over_m and agent.confirm_over_deg must be 0 or more");
        }
    }

    static AgentSettings from(ClassbotConfig c) {
        return new AgentSettings(c.string("agent.planner"), c.decimal("agent.limits.max_distance_m"),
                c.decimal("agent.limits.max_angle_deg"), c.integer("agent.limits.max_actions"),
                c.decimal("agent.confirm_over_m"), c.decimal("agent.confirm_over_deg"),
                new Camera(c.string("agent.camera.source")));
    }
}
