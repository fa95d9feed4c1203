package org.classbot.launch.app;

/** The robot refused for safety (e-stop latched, geofence or wall, link down): exit status 3, one line, nothing moved. */
public final class SafetyRefusal extends RuntimeException {
    public SafetyRefusal(String message) {
        super(message);
    }
}
