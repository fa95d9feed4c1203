package org.classbot.launch.robot;

import org.classbot.launch.app.UserError;
import org.classbot.launch.app.Json;
import org.classbot.launch.robot.RobotCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.robot.ConnectionOptions;
import org.classbot.launch.robot.RobotFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classbot sim [connection flags]}: the built-in simulator as its own robot-side process,
 * served over the chosen transport (its {@code Transport.serve}, found by profile through the
 * ServiceLoader), so agents in other processes or on other machines drive it. The simulator is
 * governed here too: remote commands meet the robot's own limits, watchdog, geofence and e-stop.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run the simulated robot as its own process (robot side), over MQTT (default) or ROS 1. 运行模拟机器人（机器人端）。",
                "Runs until Ctrl-C, or for --duration seconds."})
public final class SimCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions conn;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default ./classbot.yaml, ~/.classbot/config.yaml)")
    Path config;

    @Option(names = "--duration", paramLabel = "S", description = "stop after S seconds (default: run until Ctrl-C)")
    Double duration;

    @Option(names = "--json", description = "print JSON lines (serving, then the final state)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (duration != null && (!Double.isFinite(duration) || duration <= 0)) {
            throw new UserError("--duration must be a positive number of seconds, got " + duration);
        }
        RobotFactory factory = ClassbotApp.load(config).robots();
        String profile = factory.profile(conn);
        if (profile.equals("sim")) {
            if (conn.profile().isPresent()) {
                throw new UserError("'classbot sim' serves the simulator to other processes: use --profile mqtt or --profile ros1"
                        + " ('--profile sim' is the in-process simulator of 'classbot run' and 'classbot robot')");
            }
            profile = "mqtt";
        }
        ConnectionSpec served = factory.spec(conn, profile);
        SafetyGovernor robot = factory.simulator(conn);
        AutoCloseable handle;
        try {
            handle = RobotBridges.serve(robot, served);
        } catch (RobotBridgeException e) {
            robot.close();
            throw new UserError(e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            robot.close();
            throw new UserError("profile " + profile + " cannot serve a simulated robot (" + e.getMessage() + "); use --profile mqtt or ros1", e);
        } catch (IllegalArgumentException e) {
            robot.close();
            throw new UserError("cannot serve the simulator over " + profile + ": " + e.getMessage(), e);
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            close(handle, robot);
            done.countDown();
        }, "classbot-sim-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        String where = RobotFactory.endpoint(served).map(Object::toString)
                .orElse(profile.equals("mqtt") ? "the embedded broker" : "the default endpoint");
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("robot", served.robotId());
            m.put("profile", profile);
            m.put("endpoint", where);
            m.put("serving", true);
            Json.println(spec.commandLine().getOut(), m);
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "simulated robot '%s' served over %s at %s; %s. 模拟机器人已启动。%n",
                    served.robotId(), profile, where, duration == null ? "Ctrl-C to stop" : "running " + duration + " s");
            spec.commandLine().getOut().flush();
        }
        RobotState s;
        try {
            if (duration == null) {
                done.await();
            } else {
                done.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            // asked to stop (the hosting thread is shutting down): stop like Ctrl-C
            Thread.currentThread().interrupt();
        } finally {
            s = robot.state();
            close(handle, robot);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("robot", served.robotId());
            m.put("serving", false);
            m.put("pose", RobotJson.pose(s.pose()));
            m.put("estopped", s.estopped());
            Json.println(spec.commandLine().getOut(), m);
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "simulator stopped at x=%.3f m y=%.3f m heading=%.1f°%n",
                    s.pose().x(), s.pose().y(), Math.toDegrees(s.pose().theta()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static synchronized void close(AutoCloseable handle, SafetyGovernor robot) {
        try {
            handle.close();
        } catch (Exception e) {
            // closing on the way out: nothing more to do than stop the robot below
        }
        robot.close();
    }
}
