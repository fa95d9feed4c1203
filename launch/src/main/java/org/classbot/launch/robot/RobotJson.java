package org.classbot.launch.robot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.classbot.bridge.Pose;

/** How the robot commands print a pose in JSON (x, y, theta in radians and degrees), rounded. */
final class RobotJson {

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

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
