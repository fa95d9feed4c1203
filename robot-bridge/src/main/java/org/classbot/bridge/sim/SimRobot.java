package org.classbot.bridge.sim;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.transport.Daemons;
import org.classbot.bridge.transport.StateListeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kinematic differential-drive robot in a room with walls: the commanded (v, w) is applied at once
 * (within the robot's own hardware limits), the pose is integrated at a fixed rate (20-50 Hz), and
 * a move that would bring the robot's body into a wall is not made (the bumper stops it).
 * Battery: drains with time and motion, charges while resting at the charging station.
 * Package-private: applications reach it only through the governed factory.
 */
final class SimRobot implements RobotBridge {

    private static final Logger log = LoggerFactory.getLogger(SimRobot.class);

    /** Hardware limits of the simulated base, far above the governor's defaults. */
    static final double HW_MAX_LINEAR = 1.5;
    static final double HW_MAX_ANGULAR = 4.0;
    static final double BODY_RADIUS = 0.18;

    private final Polygon walls;
    private final Place dock;
    private final double rateHz;
    private final ScheduledExecutorService clock;
    private final StateListeners listeners = new StateListeners();
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final java.util.function.Consumer<String> speaker;

    private Twist command = Twist.ZERO;
    private Pose pose;
    private Twist measured = Twist.ZERO;
    private double battery;
    private boolean bumped;
    private boolean closed;
    private long lastTickNanos;
    private volatile RobotState state;

    SimRobot(Polygon walls, Pose start, Place dock, double rateHz, double battery) {
        this(walls, start, dock, rateHz, battery, text -> log.info("robot says: {}", text));
    }

    /** @param speaker the simulator's loudspeaker: where sentences to say go */
    SimRobot(Polygon walls, Pose start, Place dock, double rateHz, double battery, java.util.function.Consumer<String> speaker) {
        if (!(rateHz >= 20 && rateHz <= 50)) {
            throw new IllegalArgumentException("simulator rate must be 20..50 Hz, got " + rateHz);
        }
        if (!walls.contains(start.x(), start.y()) || walls.distanceToEdge(start.x(), start.y()) < BODY_RADIUS) {
            throw new IllegalArgumentException("simulator start pose " + start + " is not inside the walls");
        }
        this.walls = Objects.requireNonNull(walls);
        this.speaker = Objects.requireNonNull(speaker);
        this.dock = dock;
        this.rateHz = rateHz;
        this.pose = start;
        this.battery = battery;
        this.lastTickNanos = System.nanoTime();
        this.state = snapshot(System.currentTimeMillis());
        this.clock = Daemons.scheduler("classbot-sim");
        long period = Math.round(1_000_000.0 / rateHz);
        clock.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MICROSECONDS);
    }

    @Override
    public synchronized void send(Twist twist) {
        if (closed) {
            throw new IllegalStateException("simulator is closed");
        }
        if (!Double.isFinite(twist.linear()) || !Double.isFinite(twist.angular())) {
            throw new IllegalArgumentException("simulator got a non-finite command " + twist);
        }
        command = new Twist(clamp(twist.linear(), HW_MAX_LINEAR), clamp(twist.angular(), HW_MAX_ANGULAR));
    }

    @Override
    public synchronized void stop() {
        command = Twist.ZERO;
    }

    @Override
    public RobotState state() {
        return state;
    }

    @Override
    public AutoCloseable subscribe(RobotStateListener listener) {
        return listeners.add(listener);
    }

    @Override
    public void say(String text) {
        said.add(text);
        speaker.accept(text);
    }

    /** Sentences said so far (the simulator's loudspeaker). */
    List<String> said() {
        return List.copyOf(said);
    }

    /** Whether the last tick's motion was blocked by a wall. */
    synchronized boolean bumped() {
        return bumped;
    }

    double rateHz() {
        return rateHz;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            command = Twist.ZERO;
            measured = Twist.ZERO;
            state = snapshot(System.currentTimeMillis());
        }
        clock.shutdownNow();
        listeners.publish(state);
    }

    private void tick() {
        RobotState s;
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                double dt = Math.min(0.2, (now - lastTickNanos) / 1e9);
                lastTickNanos = now;
                integrate(dt);
                s = snapshot(System.currentTimeMillis());
                state = s;
            }
            listeners.publish(s);
        } catch (RuntimeException e) {
            log.warn("simulator tick failed", e);
        }
    }

    private void integrate(double dt) {
        double v = battery > 0 ? command.linear() : 0;
        double w = battery > 0 ? command.angular() : 0;
        double theta = pose.theta();
        double nx;
        double ny;
        double nt = wrap(theta + w * dt);
        if (Math.abs(w) < 1e-9) {
            nx = pose.x() + v * dt * Math.cos(theta);
            ny = pose.y() + v * dt * Math.sin(theta);
        } else {
            // exact arc of a unicycle with constant (v, w) over dt
            nx = pose.x() + v / w * (Math.sin(theta + w * dt) - Math.sin(theta));
            ny = pose.y() - v / w * (Math.cos(theta + w * dt) - Math.cos(theta));
        }
        bumped = false;
        if (v != 0 && !free(nx, ny) && clearanceOf(nx, ny) < clearanceOf(pose.x(), pose.y())) {
            // the body would touch a wall: rotate in place only
            bumped = true;
            nx = pose.x();
            ny = pose.y();
            v = 0;
        }
        pose = new Pose(nx, ny, nt);
        measured = new Twist(v, w);
        drain(dt, v, w);
    }

    private void drain(double dt, double v, double w) {
        if (battery <= 0) {
            battery = 0;
        }
        boolean docked = dock != null && v == 0 && w == 0
                && Math.hypot(pose.x() - dock.pose().x(), pose.y() - dock.pose().y()) < 0.3;
        if (docked) {
            battery = Math.min(1.0, battery + 0.01 * dt);
        } else {
            battery = Math.max(0.0, battery - dt * (0.0001 + 0.002 * Math.abs(v) + 0.0005 * Math.abs(w)));
        }
    }

    private boolean free(double x, double y) {
        return walls.contains(x, y) && walls.distanceToEdge(x, y) >= BODY_RADIUS;
    }

    private double clearanceOf(double x, double y) {
        return walls.clearance(x, y);
    }

    private RobotState snapshot(long ts) {
        return new RobotState(pose, measured, OptionalDouble.of(battery), !closed, false, ts);
    }

    static double clamp(double v, double max) {
        return Math.max(-max, Math.min(max, v));
    }

    static double wrap(double a) {
        double r = Math.IEEEremainder(a, 2 * Math.PI);
        return r <= -Math.PI ? r + 2 * Math.PI : r;
    }
}
