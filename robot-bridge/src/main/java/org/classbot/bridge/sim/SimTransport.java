package org.classbot.bridge.sim;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.Transport;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.map.RoomMap;

/**
 * The {@code sim} profile: an in-process simulated robot. Options read from the spec:
 * {@code sim.walls} ("x,y x,y ..." room outline, default the built-in classroom),
 * {@code sim.start} ("x,y,theta", default 0,0,0), {@code sim.rate_hz} (20..50, default 50),
 * {@code sim.battery} (0..1, default 1), {@code sim.dock} ("x,y" of the charging station),
 * {@code sim.say} ({@code log}, default, or {@code stdout}: where the robot's speech goes).
 * Public only because {@link java.util.ServiceLoader} needs it; the robot it makes is package-private.
 */
public final class SimTransport implements Transport {

    public static final String PROFILE = "sim";

    @Override
    public String profile() {
        return PROFILE;
    }

    /** {@code sim.walls}, {@code sim.dock}: "" = the built-in classroom's; {@code sim.say}: log or stdout. */
    @Override
    public java.util.Map<String, String> options() {
        return java.util.Map.of("sim.rate_hz", "50", "sim.battery", "1.0", "sim.start", "0,0,0", "sim.walls", "",
                "sim.dock", "", "sim.say", "log");
    }

    @Override
    public RobotBridge connect(ConnectionSpec spec) {
        RoomMap room = RoomMap.classroom();
        Polygon walls = spec.option("sim.walls").map(Polygon::parse).orElse(room.walls());
        Pose start = spec.option("sim.start").map(SimTransport::pose).orElse(Pose.ORIGIN);
        double rate = spec.option("sim.rate_hz").map(s -> number(s, "sim.rate_hz")).orElse(50.0);
        double battery = spec.option("sim.battery").map(s -> number(s, "sim.battery")).orElse(1.0);
        Place dock = spec.option("sim.dock").map(s -> new Place("charging_station", pose(s + ",0"), java.util.List.of()))
                .orElseGet(() -> room.place("charging_station").orElse(null));
        if (battery < 0 || battery > 1) {
            throw new IllegalArgumentException("sim.battery must be 0..1, got " + battery);
        }
        if (spec.option("sim.say").orElse("log").equals("stdout")) {
            // a simulator in its own process (classbot sim): the terminal is its loudspeaker
            return new SimRobot(walls, start, dock, rate, battery, text -> System.out.println("robot says / 机器人说: " + text));
        }
        return new SimRobot(walls, start, dock, rate, battery);
    }

    private static Pose pose(String s) {
        String[] p = s.split(",");
        if (p.length != 3) {
            throw new IllegalArgumentException("simulator pose must be 'x,y,theta', got '" + s + "'");
        }
        return new Pose(number(p[0], "x"), number(p[1], "y"), number(p[2], "theta"));
    }

    private static double number(String s, String what) {
        try {
            double d = Double.parseDouble(s.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the clear message
        }
        throw new IllegalArgumentException("simulator option " + what + " must be a number, got '" + s + "'");
    }
}
