package org.classbot.bridge.safety;

/** The governor refused a command (NaN, out of range, e-stop latched, link down); the message says why. */
public final class CommandRejectedException extends IllegalArgumentException {

    /** Why a command was refused. */
    public enum Reason { NOT_FINITE, OUT_OF_RANGE, ESTOPPED, DISCONNECTED, CLOSED }

    private final Reason reason;

    public CommandRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
