package org.classbot.bridge;

/**
 * A robot, broker or master could not be reached or refused us; the message says what, where and
 * how to fix it (e.g. the MQTT URL and the env vars holding the credentials).
 */
public class RobotBridgeException extends RuntimeException {

    public RobotBridgeException(String message) {
        super(message);
    }

    public RobotBridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
