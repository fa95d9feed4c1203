package org.classbot.launch.web;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.Point;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyStatus;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.Json;
import org.classbot.launch.config.WebSettings;
import org.classbot.launch.kb.KnowledgeSession;
import org.classbot.launch.robot.RobotJson;

/**
 * The teacher's console: a thin adapter over the {@link Dialogue}, the governed robot and the knowledge base.
 * One page (plain JS/CSS from {@code resources/web}, no CDN) with the panels robot, plan, chat, map, teleop, kb,
 * camera and voice, live over one WebSocket ({@link LiveHub}); every action is also JSON over HTTP
 * (launch/README lists them). {@link WebGuard} checks every request and the WebSocket upgrade. Binds
 * 127.0.0.1 by default.
 */
public final class Dashboard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final Dialogue dialogue;
    private final SafetyGovernor robot;
    private final EventLog log0;
    private RoomMap map = RoomMap.classroom();
    private KnowledgeSession knowledge;
    private ChatHistory chat;
    private WebSettings settings = new WebSettings("127.0.0.1", 0);
    private Optional<Path> uploads = Optional.empty();
    private CameraFeed.Settings camera = CameraFeed.Settings.none();
    private CameraFeed feed;
    private java.util.function.Function<String, org.classbot.agent.speech.SpeechRecognizer> recognizers;
    private VoiceApi voice;

    private Javalin app;
    private WebGuard guard;
    private PlanTracker plans;
    private Teleop teleop;
    private LiveHub hub;
    private ConsoleActions actions;
    private KbApi kb;
    private ScheduledExecutorService clock;

    public Dashboard(Dialogue dialogue, SafetyGovernor robot, EventLog log) {
        this.dialogue = Objects.requireNonNull(dialogue, "dialogue");
        this.robot = Objects.requireNonNull(robot, "robot");
        this.log0 = Objects.requireNonNull(log, "log");
    }

    /** The room the map panel draws and whose places can be clicked (default: the simulator's classroom). */
    public Dashboard map(RoomMap roomMap) {
        this.map = Objects.requireNonNull(roomMap, "map");
        return this;
    }

    /** The knowledge base of the kb panel; uploads are kept in {@code uploadsDir} before they are ingested. */
    public Dashboard knowledge(KnowledgeSession session, Optional<Path> uploadsDir) {
        this.knowledge = session;
        this.uploads = Objects.requireNonNull(uploadsDir, "uploads");
        return this;
    }

    /** The conversation kept on disk (its {@link ChatHistory#citing} answerer gives answers their full sources). */
    public Dashboard chat(ChatHistory history) {
        this.chat = history;
        return this;
    }

    /** {@code web.*}: teleop caps and dead man. */
    public Dashboard settings(WebSettings web) {
        this.settings = Objects.requireNonNull(web, "web");
        return this;
    }

    /** The camera of {@code agent.camera.source} (or the {@code --camera} flag when not null) and its models. */
    public Dashboard camera(ClassbotApp app, String flag) {
        String source = flag != null ? flag : app.settings().agent().camera().source();
        var p = app.settings().perception();
        this.camera = new CameraFeed.Settings(source == null ? "" : source.strip(), name -> app.models(null).find(name),
                p.detectModel(), p.poseModel(), p.detectEvery(), p.maxPeople(), p.minPersonScore(), p.minKeypointScore());
        return this;
    }

    /** Push-to-talk in the voice panel: the recognizer for "en" / "zh" ({@code ClassbotApp::recognizer}). */
    public Dashboard voice(java.util.function.Function<String, org.classbot.agent.speech.SpeechRecognizer> recognizerForLang) {
        this.recognizers = recognizerForLang;
        return this;
    }

    /**
     * A listener for plans that do not come through the dialogue (an MCP assistant inside {@code run --mcp}): they
     * show in the plan panel and the log like typed ones. Call after {@link #start}.
     */
    public org.classbot.agent.dialogue.DialogueListener watcher() {
        PlanTracker p = Objects.requireNonNull(plans, "start the dashboard first");
        return new org.classbot.agent.dialogue.DialogueListener() {
            @Override
            public void planned(String utterance, org.classbot.agent.plan.Plan plan) {
                p.planned(utterance, plan);
                log0.planned(utterance, plan);
            }

            @Override
            public void started(org.classbot.agent.plan.Plan plan, int index, org.classbot.agent.plan.Action action) {
                p.started(plan, index, action);
            }

            @Override
            public void step(int index, org.classbot.agent.skill.StepResult result) {
                p.step(index, result);
                log0.step(index, result);
            }

            @Override
            public void done(String utterance, org.classbot.agent.skill.ExecutionReport report) {
                p.done(utterance, report);
                log0.done(utterance, report);
            }
        };
    }

    /** Starts serving; returns the bound port (0 picks a free one). */
    public int start(String host, int port) {
        return start(host, port, System.getenv());
    }

    /** As {@link #start(String, int)}, with the environment that may hold the tokens. */
    public int start(String host, int port, Map<String, String> env) {
        guard = WebGuard.forHost(host, env);
        if (chat == null) {
            chat = new ChatHistory(Optional.empty(), settings.historyKeep());
        }
        plans = new PlanTracker(dialogue, robot, map, () -> { });
        teleop = new Teleop(robot, dialogue, System::nanoTime, settings.teleopLinear(), settings.teleopAngular(), settings.deadmanMs());
        hub = new LiveHub(this::hello, (name, body, who) -> actions.run(name, body, who), teleop);
        feed = new CameraFeed(camera, hub::broadcast);
        actions = new ConsoleActions(dialogue, plans, teleop, feed, map, this::pushState);
        voice = new VoiceApi(recognizers, actions);
        kb = new KbApi(knowledge, uploads);
        dialogue.addListener(plans);
        dialogue.addListener(chat);
        chat.onAdd(e -> hub.broadcast(Map.of("type", "chat", "entry", e)));

        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = Math.max(KbApi.MAX_UPLOAD_BYTES, VoiceApi.MAX_WAV_BYTES) * 4L / 3 + 4096;
            cfg.routes.before(guard::check);
            cfg.routes.wsBeforeUpgrade(ctx -> ctx.attribute(LiveHub.ROLE, guard.checkUpgrade(ctx)));
            cfg.routes.ws("/ws", hub::configure);
            cfg.routes.get("/login", guard::login);
            cfg.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(DashboardPage.resource("index.html")));
            cfg.routes.get("/app.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(DashboardPage.resource("app.js")));
            cfg.routes.get("/app.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(DashboardPage.resource("app.css")));
            cfg.routes.get("/api/state", ctx -> json(ctx, state()));
            cfg.routes.get("/api/log", ctx -> json(ctx, Map.of("lines", log0.after(parseLong(ctx.queryParam("after"))))));
            cfg.routes.get("/api/map", ctx -> json(ctx, mapJson()));
            cfg.routes.get("/api/plans", ctx -> json(ctx, Map.of("plans", plans.toJson())));
            cfg.routes.get("/api/chat", ctx -> json(ctx, Map.of("entries", chat.entries())));
            cfg.routes.get("/api/camera", ctx -> json(ctx, cameraJson()));
            cfg.routes.get("/api/kb/documents", ctx -> api(ctx, kb::list));
            cfg.routes.get("/api/kb/search", ctx -> api(ctx, () -> kb.search(ctx.queryParam("q"), (int) parseLong(ctx.queryParam("k"), 5))));
            cfg.routes.post("/api/kb/upload", ctx -> api(ctx, () -> kb.upload(body(ctx))));
            cfg.routes.post("/api/voice", ctx -> api(ctx, () -> voice.listen(body(ctx))));
            cfg.routes.post("/api/kb/delete", ctx -> api(ctx, () -> kb.delete(body(ctx))));
            cfg.routes.post("/api/kb/reingest", ctx -> api(ctx, () -> kb.reingest(body(ctx))));
            for (String a : List.of("say", "confirm", "goto", "stop", "estop", "reset", "lock", "teleop", "teleop_stop", "camera")) {
                cfg.routes.post("/api/" + a.replace('_', '/'), ctx -> api(ctx, () -> {
                    Map<String, Object> r = actions.run(a, body(ctx), null);
                    return List.of("say", "confirm", "goto", "camera").contains(a) ? r : state();
                }));
            }
        });
        app.start(host, port);
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "classbot-dashboard");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(this::tickTeleop, 20, 20, TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(this::pushState, 100, 100, TimeUnit.MILLISECONDS);
        return app.port();
    }

    /** The login link to show once when a token is needed (bound beyond loopback), else empty. */
    public Optional<String> loginLink(String baseUrl) {
        return guard == null ? Optional.empty() : guard.loginLink(baseUrl);
    }

    private void tickTeleop() {
        try {
            teleop.tick();
        } catch (RuntimeException e) {
            log.warn("teleop tick failed", e);
        }
    }

    private void pushState() {
        try {
            if (hub.clients() > 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "state");
                m.putAll(state());
                hub.broadcast(m);
            }
        } catch (RuntimeException e) {
            log.warn("dashboard state push failed", e);
        }
    }

    private Map<String, Object> hello() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hello");
        m.put("map", mapJson());
        m.put("chat", chat.entries());
        m.put("camera", cameraJson());
        m.put("voice", voice != null && voice.available()
                ? Map.of("available", true, "message", "按住按钮说话，松开后识别 / hold the button while you speak; it is recognized when you let go")
                : Map.of("available", false, "message", "语音尚未设置 / voice is not set up yet"));
        m.put("kb", knowledge != null);
        m.put("state", state());
        return m;
    }

    private interface Call {
        Object get();
    }

    private static void api(Context ctx, Call call) {
        try {
            json(ctx, call.get());
        } catch (WebError e) {
            ctx.status(e.status);
            json(ctx, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("dashboard request {} failed", ctx.path(), e);
            ctx.status(500);
            json(ctx, Map.of("error", "failed / 出错了: " + e.getMessage()));
        }
    }

    private static JsonNode body(Context ctx) {
        String b = ctx.body();
        if (b == null || b.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return Json.MAPPER.readTree(b);
        } catch (java.io.IOException e) {
            throw new WebError(400, "the body is not JSON / 请求体不是 JSON");
        }
    }

    private Map<String, Object> state() {
        Map<String, Object> m = RobotJson.state(robot.state(), robot.estopped(), dialogue.busy());
        SafetyStatus g = robot.status();
        Map<String, Object> gov = new LinkedHashMap<>();
        gov.put("watchdog", g.watchdogTripped());
        gov.put("geofence", g.geofenceBlocked());
        gov.put("clamped", g.clamped());
        gov.put("last", g.lastIntervention());
        m.put("governor", gov);
        if (plans != null) {
            m.put("plans", plans.toJson());
            m.put("awaiting", plans.awaitingQuestion().orElse(null));
            m.put("teleop", teleop.toJson());
        }
        m.put("t", System.currentTimeMillis());
        return m;
    }

    private Map<String, Object> mapJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("walls", points(map.walls()));
        m.put("geofence", points(map.geofence()));
        m.put("places", map.places().stream().map(this::place).toList());
        return m;
    }

    private Map<String, Object> place(Place p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("x", round(p.pose().x()));
        m.put("y", round(p.pose().y()));
        m.put("theta_deg", round(Math.toDegrees(p.pose().theta())));
        m.put("aliases", p.aliases());
        return m;
    }

    private static List<List<Double>> points(Polygon p) {
        return p == null ? List.of() : p.vertices().stream().map((Point v) -> List.of(round(v.x()), round(v.y()))).toList();
    }

    private Map<String, Object> cameraJson() {
        return feed.json();
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType(JSON).result(Json.write(value));
    }

    private static long parseLong(String s) {
        return parseLong(s, 0);
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    @Override
    public void close() {
        if (clock != null) {
            clock.shutdownNow();
            clock = null;
        }
        if (teleop != null) {
            teleop.release(null);
        }
        if (feed != null) {
            feed.stop();
        }
        if (voice != null) {
            voice.close();
        }
        if (plans != null) {
            dialogue.removeListener(plans);
            dialogue.removeListener(chat);
        }
        if (hub != null) {
            hub.closeAll();
        }
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
