package org.classbot.launch.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.javalin.Javalin;
import io.javalin.http.Context;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.plan.Plan;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.Json;

/**
 * The web dashboard: a thin adapter over the {@link Dialogue} (no logic in the handlers). One page with
 * the robot's state, a text box and an e-stop button, plus a small JSON API:
 * {@code GET /api/state}, {@code GET /api/log?after=N}, {@code POST /api/say} ({@code {"text":"..."}}),
 * {@code POST /api/stop}, {@code POST /api/estop}, {@code POST /api/reset}. Binds 127.0.0.1 by default.
 */
public final class Dashboard implements AutoCloseable {

    private static final String JSON = "application/json; charset=utf-8";

    private final Dialogue dialogue;
    private final SafetyGovernor robot;
    private final EventLog log;
    private Javalin app;

    public Dashboard(Dialogue dialogue, SafetyGovernor robot, EventLog log) {
        this.dialogue = Objects.requireNonNull(dialogue, "dialogue");
        this.robot = Objects.requireNonNull(robot, "robot");
        this.log = Objects.requireNonNull(log, "log");
    }

    private WebGuard guard;

    /** Starts serving; returns the bound port (0 picks a free one). */
    public int start(String host, int port) {
        return start(host, port, System.getenv());
    }

    /** As {@link #start(String, int)}, with the environment that may hold the tokens. */
    public int start(String host, int port, Map<String, String> env) {
        guard = WebGuard.forHost(host, env);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before(guard::check);
            cfg.routes.get("/login", guard::login);
            cfg.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(DashboardPage.HTML));
            cfg.routes.get("/api/state", ctx -> json(ctx, state()));
            cfg.routes.get("/api/log", ctx -> json(ctx, Map.of("lines", log.after(parseLong(ctx.queryParam("after"))))));
            cfg.routes.post("/api/say", this::say);
            cfg.routes.post("/api/stop", ctx -> {
                dialogue.stop();
                json(ctx, state());
            });
            cfg.routes.post("/api/estop", ctx -> {
                dialogue.emergencyStop();
                json(ctx, state());
            });
            cfg.routes.post("/api/reset", ctx -> {
                dialogue.hear("reset");
                json(ctx, state());
            });
        });
        app.start(host, port);
        return app.port();
    }

    /** The login link to show once when a token is needed (bound beyond loopback), else empty. */
    public java.util.Optional<String> loginLink(String baseUrl) {
        return guard == null ? java.util.Optional.empty() : guard.loginLink(baseUrl);
    }

    private void say(Context ctx) {
        String text = null;
        if (ctx.body() != null && !ctx.body().isBlank()) {
            try {
                text = Json.MAPPER.readTree(ctx.body()).path("text").asText(null);
            } catch (java.io.IOException e) {
                text = null;
            }
        }
        if (text == null || text.isBlank()) {
            ctx.status(400);
            json(ctx, Map.of("error", "send {\"text\":\"...\"}: what to say to the robot / 请输入一句话"));
            return;
        }
        Plan plan = dialogue.hear(text);
        Map<String, Object> doc = new LinkedHashMap<>(plan.toJson());
        if (!plan.notes().isEmpty()) {
            doc.put("notes", plan.notes());
        }
        json(ctx, doc);
    }

    private Map<String, Object> state() {
        RobotState s = robot.state();
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> pose = new LinkedHashMap<>();
        pose.put("x", round(s.pose().x()));
        pose.put("y", round(s.pose().y()));
        pose.put("theta_deg", round(Math.toDegrees(s.pose().theta())));
        m.put("pose", pose);
        Map<String, Object> vel = new LinkedHashMap<>();
        vel.put("linear", round(s.velocity().linear()));
        vel.put("angular", round(s.velocity().angular()));
        m.put("velocity", vel);
        m.put("battery", s.battery().isPresent() ? round(s.battery().getAsDouble()) : null);
        m.put("connected", s.connected());
        m.put("estopped", robot.estopped() || s.estopped());
        m.put("busy", dialogue.busy());
        return m;
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType(JSON).result(Json.write(value));
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
