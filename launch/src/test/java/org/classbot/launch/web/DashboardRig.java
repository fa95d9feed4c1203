package org.classbot.launch.web;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.robot.ConnectionOptions;

/**
 * The dashboard tests' shared set-up: the default configuration, a simulated robot, the offline planner with no
 * knowledge base and no camera, and a {@link Dashboard} over them started on a free port. Closing closes all of it,
 * newest first. What differs between tests is an {@code opt...} on the builder.
 */
final class DashboardRig implements AutoCloseable {

    private final ClassbotApp app;
    private final SafetyGovernor robot;
    private final Dialogue dialogue;
    private final Dashboard dashboard;
    private final int port;

    private DashboardRig(Builder b, String host, Map<String, String> env) {
        app = ClassbotApp.of(ClassbotConfig.load(null, Map.of()), Map.of());
        robot = app.robots().connect(new ConnectionOptions("sim", b.robotId, null, null, null), false);
        Dialogue d = null;
        Dashboard s = null;
        try {
            d = new Dialogue(app.planner("offline"), app.executor(robot, Answerer.none("no kb"), Vision.none("no camera")));
            s = new Dashboard(d, robot, new EventLog());
            if (b.map) {
                s = s.map(app.map());
            }
            if (b.voice) {
                s = s.voice(app::recognizer);
            }
            port = s.start(host, 0, env);
        } catch (RuntimeException | Error e) {
            closeAll(s, d, robot);
            throw e;
        }
        dialogue = d;
        dashboard = s;
    }

    /** A rig whose simulated robot has this id. */
    static Builder sim(String robotId) {
        return new Builder(robotId);
    }

    ClassbotApp app() {
        return app;
    }

    SafetyGovernor robot() {
        return robot;
    }

    Dialogue dialogue() {
        return dialogue;
    }

    Dashboard dashboard() {
        return dashboard;
    }

    int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, the Host a local browser sends. */
    String local() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:port}, the page's own origin on loopback. */
    String base() {
        return "http://" + local();
    }

    @Override
    public void close() {
        closeAll(dashboard, dialogue, robot);
    }

    private static void closeAll(Dashboard dashboard, Dialogue dialogue, SafetyGovernor robot) {
        if (dashboard != null) {
            dashboard.close();
        }
        if (dialogue != null) {
            dialogue.close();
        }
        if (robot != null) {
            robot.close();
        }
    }

    /** Polls {@code condition} until it holds or {@code limit} passes (no sleeping; the dashboard's threads run on). */
    static boolean eventually(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return condition.getAsBoolean();
    }

    static final class Builder {
        private final String robotId;
        private boolean map;
        private boolean voice;

        private Builder(String robotId) {
            this.robotId = robotId;
        }

        /** The dashboard shows the configured map (places, the page's hello). */
        Builder optMap() {
            map = true;
            return this;
        }

        /** The dashboard takes push-to-talk recordings through the application's recognizer. */
        Builder optVoice() {
            voice = true;
            return this;
        }

        /** Started on loopback with no tokens in the environment. */
        DashboardRig start() {
            return start("127.0.0.1", Map.of());
        }

        DashboardRig start(String host, Map<String, String> env) {
            return new DashboardRig(this, host, env);
        }
    }
}
