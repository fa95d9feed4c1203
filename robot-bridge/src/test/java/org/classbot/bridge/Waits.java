package org.classbot.bridge;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a real peer in tests (one copy for every transport's tests). */
public final class Waits {

    private Waits() {
    }

    /** Polls until the condition holds; an {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
