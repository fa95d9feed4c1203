package org.classbot.launch.robot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;

/**
 * The robot's state as JSON, one shape per use: {@link #pose} for the robot commands (x, y, theta in radians and
 * degrees); {@link #state} for the dashboard's {@code GET /api/state}, the live console and MCP's {@code robot_state}
 * (one shape, so an assistant and the page read the same fields); {@link #shortPose} for {@code do --json}.
 */
public final class RobotJson {

    private RobotJson() {
    }

    static Map<String, Object> pose(Pose p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", round(p.x(), 4));
        m.put("y", round(p.y(), 4));
        m.put("theta", round(p.theta(), 4));
        m.put("theta_deg", round(Math.toDegrees(p.theta()), 2));
        return m;
    }

    /** x, y (m) and theta_deg, to the millimetre and 0.001°. */
    public static Map<String, Object> shortPose(Pose p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", round(p.x(), 3));
        m.put("y", round(p.y(), 3));
        m.put("theta_deg", round(Math.toDegrees(p.theta()), 3));
        return m;
    }

    /**
     * {@code pose} ({@link #shortPose}), {@code velocity} {linear, angular}, {@code battery} (null when unknown),
     * {@code connected}, {@code estopped} (the governor's latch or the robot's own) and {@code busy}.
     * A fresh mutable map: the dashboard adds its governor and map fields to it.
     */
    public static Map<String, Object> state(RobotState s, boolean governorEstopped, boolean busy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pose", shortPose(s.pose()));
        Map<String, Object> vel = new LinkedHashMap<>();
        vel.put("linear", round(s.velocity().linear(), 3));
        vel.put("angular", round(s.velocity().angular(), 3));
        m.put("velocity", vel);
        m.put("battery", s.battery().isPresent() ? round(s.battery().getAsDouble(), 3) : null);
        m.put("connected", s.connected());
        m.put("estopped", governorEstopped || s.estopped());
        m.put("busy", busy);
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
