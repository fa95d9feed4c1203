package org.classbot.launch.robot;

import org.classbot.launch.app.UserError;
import org.classbot.launch.app.Json;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Twist;
import org.classbot.bridge.mqtt.MqttRobots;
import org.classbot.bridge.mqtt.RobotStatus;
import org.classbot.bridge.safety.CommandRejectedException;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.SafetyRefusal;
import org.classbot.launch.robot.ConnectionOptions;
import org.classbot.launch.robot.RobotFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classbot robot drive|status|estop|reset}: one robot, through the safety governor, over the
 * profile the connection flags choose. With {@code --profile sim} the robot is an in-process
 * simulator that lives for the one command; a simulator in its own process is {@code classbot sim}.
 */
@Command(name = "robot", mixinStandardHelpOptions = true,
        description = {"Drive a robot, read its status, e-stop it or reset the e-stop. 控制机器人：行驶、状态、急停、复位。"},
        subcommands = {RobotCommand.Drive.class, RobotCommand.Status.class, RobotCommand.Estop.class, RobotCommand.Reset.class})
public final class RobotCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new UserError("say what to do: classbot robot drive|status|estop|reset (see 'classbot robot --help')");
    }

    /** Flags every robot sub-command has. */
    static class Common {
        @Mixin
        ConnectionOptions conn;

        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default ./classbot.yaml, ~/.classbot/config.yaml)")
        Path config;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Spec
        CommandSpec spec;

        RobotFactory factory() {
            return ClassbotApp.load(config).robots();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "drive", mixinStandardHelpOptions = true,
            description = {"Drive at a velocity for a time, then stop (speeds are clamped to robot.safety limits). 按给定速度行驶一段时间后停止。"})
    static final class Drive extends Common implements Callable<Integer> {

        @Option(names = "--linear", required = true, paramLabel = "M_S", description = "forward speed in m/s (+ forward, - backward)")
        double linear;

        @Option(names = "--angular", defaultValue = "0", paramLabel = "RAD_S", description = "turn rate in rad/s (+ left / counter-clockwise), default 0")
        double angular;

        @Option(names = "--duration", required = true, paramLabel = "S", description = "seconds to drive, 0 < S <= 600")
        double duration;

        @Override
        public Integer call() {
            if (!Double.isFinite(linear) || !Double.isFinite(angular)) {
                throw new UserError("--linear and --angular must be finite numbers (m/s, rad/s), got " + linear + " and " + angular);
            }
            if (!Double.isFinite(duration) || duration <= 0 || duration > 600) {
                throw new UserError("--duration must be seconds between 0 and 600, got " + duration);
            }
            RobotFactory factory = factory();
            SafetyLimits limits = factory.limits();
            if (Math.abs(linear) > limits.rejectLinear() || Math.abs(angular) > limits.rejectAngular()) {
                throw new UserError(String.format(Locale.ROOT, "--linear %s / --angular %s is out of range: at most %.2f m/s and %.2f rad/s are accepted"
                        + " (robot.safety.reject_*), and speeds are clamped to %.2f m/s, %.2f rad/s; nothing was sent",
                        linear, angular, limits.rejectLinear(), limits.rejectAngular(), limits.maxLinear(), limits.maxAngular()));
            }
            ConnectionSpec cs = factory.spec(conn);
            SafetyGovernor robot = factory.connect(conn, true);
            Thread stopper = new Thread(() -> {
                robot.stop();
                robot.close();
            }, "classbot-robot-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                return drive(cs, robot);
            } finally {
                robot.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook stops the robot
                }
            }
        }

        private int drive(ConnectionSpec cs, SafetyGovernor robot) {
            awaitOdometry(robot);
            if (robot.estopped()) {
                throw new SafetyRefusal("robot '" + cs.robotId() + "' has its e-stop latched; nothing was sent"
                        + " (clear it with 'classbot robot reset')");
            }
            Pose start = robot.state().pose();
            Twist cmd = new Twist(linear, angular);
            long t0 = System.nanoTime();
            long end = t0 + (long) (duration * 1e9);
            boolean clamped = false;
            double maxV = 0;
            double maxW = 0;
            try {
                while (System.nanoTime() < end) {
                    robot.send(cmd);
                    clamped |= robot.status().clamped();
                    sleep(50);
                    Twist v = robot.state().velocity();
                    maxV = Math.max(maxV, Math.abs(v.linear()));
                    maxW = Math.max(maxW, Math.abs(v.angular()));
                }
            } catch (CommandRejectedException e) {
                robot.stop();
                throw new UserError(String.format(Locale.ROOT, "robot '%s' stopped after %.1f s: %s", cs.robotId(),
                        (System.nanoTime() - t0) / 1e9, robot.problem().map(p -> e.getMessage() + ": " + p).orElse(e.getMessage())));
            }
            robot.stop();
            sleep(300); // let the final odometry arrive
            RobotState s = robot.state();
            double secs = (System.nanoTime() - t0) / 1e9;
            String intervention = robot.status().lastIntervention();
            // commands went out (a subscriber took them) but the robot never reported where it is
            String noOdometry = s.timestampMillis() == 0 ? "no odometry on " + cs.odomTopic()
                    + " from the robot: is it running? / 没有收到机器人在 " + cs.odomTopic() + " 上的里程计：它在运行吗？" : null;
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("robot", cs.robotId());
                m.put("profile", cs.profile());
                m.put("commanded", Map.of("linear", linear, "angular", angular));
                m.put("clamped", clamped);
                m.put("duration_s", RobotJson.round(secs, 3));
                m.put("start", RobotJson.pose(start));
                m.put("end", RobotJson.pose(s.pose()));
                m.put("distance_m", RobotJson.round(Math.hypot(s.pose().x() - start.x(), s.pose().y() - start.y()), 4));
                m.put("max_measured", Map.of("linear", RobotJson.round(maxV, 4), "angular", RobotJson.round(maxW, 4)));
                m.put("safety", intervention);
                if (noOdometry != null) {
                    m.put("odometry", noOdometry);
                }
                Json.println(out(), m);
            } else {
                out().printf(Locale.ROOT, "drove %s (%s) for %.1f s at %.2f m/s, %.2f rad/s%s%n", cs.robotId(), cs.profile(), secs,
                        linear, angular, clamped ? " (clamped to the safety limits)" : "");
                if (noOdometry != null) {
                    out().println(noOdometry + "; stopped. 已停止。");
                } else {
                    out().printf(Locale.ROOT, "pose: x=%.3f m y=%.3f m heading=%.1f° (moved %.3f m); stopped. 已停止。%n",
                            s.pose().x(), s.pose().y(), Math.toDegrees(s.pose().theta()),
                            Math.hypot(s.pose().x() - start.x(), s.pose().y() - start.y()));
                }
                if (!intervention.isEmpty() && !intervention.startsWith("clamped")) {
                    out().println("safety: " + intervention);
                }
                out().flush();
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show the robot's state (and, over MQTT, every robot on the broker). 显示机器人状态。"})
    static final class Status extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            RobotFactory factory = factory();
            ConnectionSpec cs = factory.spec(conn);
            List<RobotStatus> robots = List.of();
            Map<String, Object> m = new LinkedHashMap<>();
            try (SafetyGovernor robot = factory.connect(conn, false)) {
                long end = System.currentTimeMillis() + 1500;
                while ((!robot.state().connected() || robot.state().timestampMillis() == 0) && System.currentTimeMillis() < end) {
                    sleep(20);
                }
                RobotState s = robot.state();
                m.put("robot", cs.robotId());
                m.put("profile", cs.profile());
                RobotFactory.endpoint(cs).ifPresent(u -> m.put("endpoint", u.toString()));
                m.put("connected", s.connected());
                m.put("estopped", s.estopped());
                m.put("pose", RobotJson.pose(s.pose()));
                m.put("velocity", Map.of("linear", RobotJson.round(s.velocity().linear(), 4), "angular", RobotJson.round(s.velocity().angular(), 4)));
                m.put("battery", s.battery().isPresent() ? RobotJson.round(s.battery().getAsDouble(), 3) : null);
                m.put("odometry_ts", s.timestampMillis());
            }
            if (cs.profile().equals("mqtt")) {
                try {
                    robots = MqttRobots.list(cs, Duration.ofMillis(500));
                } catch (RuntimeException e) {
                    throw new UserError(e.getMessage(), e);
                }
                m.put("robots", robots.stream().map(r -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("robot", r.robot());
                    x.put("online", r.online());
                    x.put("estopped", r.estopped());
                    x.put("battery", r.battery().isPresent() ? r.battery().getAsDouble() : null);
                    return x;
                }).toList());
            }
            if (json) {
                Json.println(out(), m);
                return 0;
            }
            PrintWriter o = out();
            o.printf(Locale.ROOT, "robot %s (%s%s): %s%s%n", cs.robotId(), cs.profile(),
                    m.containsKey("endpoint") ? " " + m.get("endpoint") : "",
                    Boolean.TRUE.equals(m.get("connected")) ? "online 在线" : "offline 离线",
                    Boolean.TRUE.equals(m.get("estopped")) ? ", E-STOP LATCHED 急停中 (classbot robot reset)" : "");
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) m.get("pose");
            o.printf(Locale.ROOT, "pose: x=%s m y=%s m heading=%s°; battery: %s%n", p.get("x"), p.get("y"), p.get("theta_deg"),
                    m.get("battery") == null ? "unknown" : Math.round(((Double) m.get("battery")) * 100) + "%");
            if (cs.profile().equals("mqtt")) {
                o.println(robots.isEmpty() ? "robots on the broker: none" : "robots on the broker:");
                for (RobotStatus r : robots) {
                    o.printf(Locale.ROOT, "  %-16s %s%s%n", r.robot(), r.online() ? "online" : "offline", r.estopped() ? " e-stop" : "");
                }
            }
            o.flush();
            return 0;
        }
    }

    @Command(name = "estop", mixinStandardHelpOptions = true,
            description = {"Latch the robot's emergency stop: it stays stopped until 'classbot robot reset'. 急停（锁定，需复位）。"})
    static final class Estop extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            return latch(this, true);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Clear the robot's latched emergency stop (it stays still until the next command). 解除急停。"})
    static final class Reset extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            return latch(this, false);
        }
    }

    /** E-stop ({@code estop} true) or reset: delivered to the robot, confirmed where the robot reports it. */
    private static int latch(Common c, boolean estop) {
        RobotFactory factory = c.factory();
        ConnectionSpec cs = factory.spec(c.conn);
        String what = estop ? "e-stop" : "reset";
        try (SafetyGovernor robot = factory.connect(c.conn, false)) {
            boolean online = robot.state().connected();
            try {
                if (estop) {
                    robot.emergencyStop();
                } else {
                    robot.resetEmergencyStop();
                }
            } catch (RuntimeException e) {
                throw new UserError(what + " for robot '" + cs.robotId() + "' was not delivered: " + e.getMessage()
                        + (estop ? " (stop the robot by hand)" : ""), e);
            }
            long end = System.currentTimeMillis() + 2000;
            while (online && robot.estopped() != estop && System.currentTimeMillis() < end) {
                sleep(20);
            }
            if (online && robot.estopped() != estop) {
                throw new UserError("robot '" + cs.robotId() + "' does not report its e-stop " + (estop ? "latched" : "cleared")
                        + " after the " + what + "; check the robot");
            }
            String text = estop
                    ? "e-stop latched on robot '" + cs.robotId() + "'" + (online ? "" : " (robot offline: it takes it when it reconnects)")
                            + hint(cs) + "; clear it with 'classbot robot reset'. 急停已锁定。"
                    : "e-stop cleared on robot '" + cs.robotId() + "'" + (online ? "" : " (robot offline)") + hint(cs) + ". 急停已解除。";
            report(c, cs, estop ? "estop" : "reset", online, text);
        }
        return 0;
    }

    private static void report(Common c, ConnectionSpec cs, String action, boolean online, String text) {
        if (c.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("robot", cs.robotId());
            m.put("profile", cs.profile());
            m.put("action", action);
            m.put("online", online);
            m.put("delivered", true);
            Json.println(c.out(), m);
        } else {
            c.out().println(text);
            c.out().flush();
        }
    }

    private static String hint(ConnectionSpec cs) {
        return cs.profile().equals("sim") ? " (the in-process simulator lives for this command only; use --profile mqtt to reach 'classbot sim')" : "";
    }

    static void awaitOdometry(SafetyGovernor robot) {
        long end = System.currentTimeMillis() + 2000;
        while (robot.state().timestampMillis() == 0 && System.currentTimeMillis() < end) {
            sleep(20);
        }
    }


    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }
}
