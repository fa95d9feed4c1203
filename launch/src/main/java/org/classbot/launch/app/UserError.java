package org.classbot.launch.app;

/**
 * A mistake the user can fix (bad path, bad value, missing index). The CLI prints its message as one
 * line on stderr and exits with status 2; no stack trace. Messages say what, where, and how to fix.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
