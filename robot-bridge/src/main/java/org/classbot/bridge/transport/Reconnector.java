package org.classbot.bridge.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a transport's connect attempt on a daemon thread until it succeeds, waiting by a
 * {@link Backoff} between failures. {@link #trigger()} after a lost link; it is a no-op while a loop
 * is already running. One instance per connection.
 */
public final class Reconnector implements AutoCloseable {

    /** One connection attempt; throws when it fails. */
    @FunctionalInterface
    public interface Attempt {
        void connect() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);

    private final String name;
    private final Supplier<Backoff> backoffs;
    private final Attempt attempt;
    private final Consumer<Exception> onFailure;
    private Thread loop;
    private boolean closed;

    /**
     * @param name      for the thread name and log lines, e.g. "mqtt classbot1"
     * @param backoffs  a fresh backoff per outage
     * @param attempt   connects (and resubscribes) or throws
     * @param onFailure told about each failed attempt (may log, count, or ignore)
     */
    public Reconnector(String name, Supplier<Backoff> backoffs, Attempt attempt, Consumer<Exception> onFailure) {
        this.name = Objects.requireNonNull(name);
        this.backoffs = Objects.requireNonNull(backoffs);
        this.attempt = Objects.requireNonNull(attempt);
        this.onFailure = Objects.requireNonNull(onFailure);
    }

    /** Starts reconnecting unless a loop is already running or this is closed. */
    public synchronized void trigger() {
        if (closed || (loop != null && loop.isAlive())) {
            return;
        }
        loop = new Thread(this::run, "reconnect " + name);
        loop.setDaemon(true);
        loop.start();
    }

    /** Whether a reconnect loop is running now. */
    public synchronized boolean running() {
        return loop != null && loop.isAlive();
    }

    private void run() {
        Backoff backoff = backoffs.get();
        while (true) {
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            Duration wait = backoff.next();
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            try {
                attempt.connect();
                log.info("{}: reconnected after {} attempt(s)", name, backoff.attempts());
                return;
            } catch (Exception e) {
                log.debug("{}: reconnect attempt {} failed: {}", name, backoff.attempts(), e.toString());
                onFailure.accept(e);
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = loop;
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }
}
