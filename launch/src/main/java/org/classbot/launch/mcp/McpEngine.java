package org.classbot.launch.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Actions;
import org.classbot.agent.plan.Confirmation;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.plan.PlanValidator;
import org.classbot.agent.plan.Planner;
import org.classbot.agent.skill.CameraVision;
import org.classbot.agent.skill.ExecutionListener;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.SkillException;
import org.classbot.agent.skill.StepResult;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.launch.agent.PlanCommand;
import org.classbot.launch.app.Json;
import org.classbot.launch.kb.KbJson;
import org.classbot.launch.kb.KnowledgeSession;
import org.classbot.launch.robot.RobotJson;

/**
 * What the MCP tools do, independent of the protocol: one governed robot, the planner, validator and
 * executor, the knowledge base and the camera, all handed in by {@code ClassbotApp} (see {@link McpCommand}).
 * Every method returns an {@link Outcome}: a line of text and a JSON object; a refusal says why
 * ({@code reason}: limit, estop, link_down, not_confirmed, invalid, no_camera, no_knowledge) and nothing moved.
 */
public final class McpEngine {

    /** A tool's result: text for people, {@code data} as structured content, {@code error} for refusals and failures. */
    public record Outcome(String text, Map<String, Object> data, boolean error) {
    }

    private final SafetyGovernor robot;
    private final Planner planner;
    private final PlanValidator validator;
    private final Confirmation confirmation;
    private final PlanExecutor executor;
    private final KnowledgeSession knowledge;
    private final Vision vision;
    private final boolean cameraConfigured;
    /** Who else hears an assistant's plans: in {@code run --mcp} the dashboard's plan panel and log, and the console. */
    private final List<org.classbot.agent.dialogue.DialogueListener> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public McpEngine(SafetyGovernor robot, Planner planner, PlanValidator validator, Confirmation confirmation,
                     PlanExecutor executor, KnowledgeSession knowledge, Vision vision, boolean cameraConfigured) {
        this.robot = robot;
        this.planner = planner;
        this.validator = validator;
        this.confirmation = confirmation;
        this.executor = executor;
        this.knowledge = knowledge;
        this.vision = vision;
        this.cameraConfigured = cameraConfigured;
    }

    public SafetyGovernor robot() {
        return robot;
    }

    public PlanValidator validator() {
        return validator;
    }

    public Confirmation confirmation() {
        return confirmation;
    }

    public KnowledgeSession knowledge() {
        return knowledge;
    }

    // --- robot ------------------------------------------------------------------------------------

    /** The same JSON as the dashboard's {@code GET /api/state}. */
    public Map<String, Object> state() {
        return RobotJson.state(robot.state(), robot.estopped(), busy);
    }

    private volatile boolean busy;

    public Outcome robotState() {
        Map<String, Object> s = state();
        RobotState r = robot.state();
        String text = String.format(Locale.ROOT, "pose x=%.3f m y=%.3f m θ=%.1f°; %s%s", r.pose().x(), r.pose().y(),
                Math.toDegrees(r.pose().theta()), r.connected() ? "connected / 已连接" : "link down / 连接断开",
                Boolean.TRUE.equals(s.get("estopped")) ? "; E-STOP latched / 急停已锁定" : "");
        return new Outcome(text, s, false);
    }

    public Outcome stop() {
        executor.cancel();
        robot.stop();
        String counting = vision.stopCounting();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("state", state());
        return new Outcome("已停止 / stopped" + (counting.isEmpty() ? "" : "; " + counting), m, false);
    }

    public Outcome estop() {
        executor.emergencyStop();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("state", state());
        return new Outcome("急停已锁定，需要人工复位 / E-STOP latched; a person must reset it (classbot robot reset, the dashboard)", m, false);
    }

    public Outcome reset() {
        robot.resetEmergencyStop();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", !robot.estopped());
        m.put("state", state());
        return new Outcome("急停已解除 / e-stop cleared", m, false);
    }

    // --- plan and execute -------------------------------------------------------------------------

    /** Dry run: the actions for an utterance with the explain trace, the limit violations and whether it needs a yes. */
    public Outcome plan(String utterance) {
        Plan plan = planner.plan(utterance);
        Map<String, Object> doc = new LinkedHashMap<>(PlanCommand.document(plan, true));
        List<String> violations = validator.violations(plan.actions());
        doc.put("violations", violations);
        Optional<String> question = confirmation.question(plan);
        doc.put("needs_confirm", question.isPresent());
        question.ifPresent(q -> doc.put("confirm_question", q));
        doc.put("moved", false);
        StringBuilder text = new StringBuilder(plan.actions().isEmpty() ? "(no actions / 无动作)\n" : PlanText.lines(plan));
        plan.notes().forEach(n -> text.append("note: ").append(n).append('\n'));
        violations.forEach(v -> text.append("would be refused / 将被拒绝: ").append(v).append('\n'));
        question.ifPresent(q -> text.append("needs confirm:true / 需要确认: ").append(q).append('\n'));
        text.append("(dry run, nothing moved / 仅规划，未移动)");
        return new Outcome(text.toString(), doc, false);
    }

    /**
     * Validates {@code actionsJson} (the DESIGN.md vocabulary) against the schema and the limits, refuses it when the
     * e-stop is latched, the link is down or a big move is not confirmed, else runs it through the executor and the
     * robot's governor.
     */
    private volatile CameraFrame cameraFrame = new CameraFrame("");

    /** The camera source behind {@code classbot://camera/frame} (set before the server is built; "" = none). */
    void cameraSource(String source) {
        this.cameraFrame = new CameraFrame(source);
    }

    CameraFrame cameraFrame() {
        return cameraFrame;
    }

    /** Lets {@code l} hear each plan an assistant executes, as the dialogue's listeners hear typed ones. */
    public void watch(org.classbot.agent.dialogue.DialogueListener l) {
        watchers.add(l);
    }

    public Outcome execute(JsonNode actionsJson, boolean confirm, ExecutionListener listener) {
        List<Action> actions;
        try {
            actions = Actions.listFromJson(actionsJson);
        } catch (IllegalArgumentException e) {
            return refused("invalid", "动作无效，机器人没有移动 / invalid actions, nothing moved: " + e.getMessage(), List.of());
        }
        if (actions.isEmpty()) {
            return refused("invalid", "没有动作 / no actions given, nothing moved", List.of());
        }
        Plan plan = Plan.of(actions, "mcp");
        List<String> violations = validator.violations(actions);
        if (!violations.isEmpty()) {
            return refused("limit", "计划被拒绝，机器人没有移动 / plan refused, nothing moved: " + String.join("; ", violations), actions);
        }
        boolean needsRobot = actions.stream().anyMatch(Action::needsRobot);
        if (needsRobot && actions.stream().anyMatch(Action::movesRobot) && (robot.estopped() || robot.state().estopped())) {
            return refused("estop", "急停已锁定，机器人没有移动 / the e-stop is latched, nothing moved; a person must reset it", actions);
        }
        if (needsRobot && !robot.state().connected()) {
            return refused("link_down", "与机器人的连接断开，机器人没有移动 / the robot link is down, nothing moved", actions);
        }
        Optional<String> question = confirmation.question(plan);
        if (question.isPresent() && !confirm) {
            return refused("not_confirmed", question.get() + " — 未确认，机器人没有移动 / not confirmed, nothing moved; "
                    + "ask the person, then call execute again with confirm: true", actions);
        }
        busy = true;
        ExecutionReport report;
        String said = "assistant (MCP): " + actions.stream().map(PlanText::describe).collect(java.util.stream.Collectors.joining(", "));
        ExecutionListener progress = listener == null ? ExecutionListener.NONE : listener;
        try {
            watchers.forEach(w -> w.planned(said, plan));
            report = executor.execute(plan, new ExecutionListener() {
                @Override
                public void started(int index, Action action) {
                    progress.started(index, action);
                    watchers.forEach(w -> w.started(plan, index, action));
                }

                @Override
                public void finished(int index, StepResult result) {
                    progress.finished(index, result);
                    watchers.forEach(w -> w.step(index, result));
                }
            });
            ExecutionReport done = report;
            watchers.forEach(w -> w.done(said, done));
        } finally {
            busy = false;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", report.ok());
        report.refusal().ifPresent(r -> {
            m.put("refused", true);
            m.put("reason", reasonOf(r));
            m.put("message", r);
        });
        m.put("actions", actions.stream().map(Action::toJson).toList());
        m.put("steps", report.steps().stream().map(StepResult::toJson).toList());
        m.put("pose", RobotJson.shortPose(robot.state().pose()));
        m.put("estopped", robot.estopped());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < report.steps().size(); i++) {
            StepResult r = report.steps().get(i);
            text.append(i + 1).append(". ").append(r.status().name().toLowerCase(Locale.ROOT)).append(": ").append(r.message()).append('\n');
        }
        RobotState s = robot.state();
        text.append(String.format(Locale.ROOT, "pose x=%.3f m y=%.3f m θ=%.1f°", s.pose().x(), s.pose().y(), Math.toDegrees(s.pose().theta())));
        return new Outcome(text.toString(), m, !report.ok());
    }

    /** The question a big move needs answered, when {@code actionsJson} is a valid list with one; else empty. */
    public Optional<String> confirmQuestion(JsonNode actionsJson) {
        try {
            return confirmation.question(Plan.of(Actions.listFromJson(actionsJson), "mcp"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String reasonOf(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("not confirmed")) {
            return "not_confirmed";
        }
        if (m.contains("e-stop") || m.contains("estop")) {
            return "estop";
        }
        if (m.contains("link") || m.contains("disconnected")) {
            return "link_down";
        }
        return "limit";
    }

    private Outcome refused(String reason, String message, List<Action> actions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("refused", true);
        m.put("reason", reason);
        m.put("message", message);
        m.put("moved", false);
        m.put("actions", actions.stream().map(Action::toJson).toList());
        m.put("pose", RobotJson.shortPose(robot.state().pose()));
        m.put("estopped", robot.estopped());
        return new Outcome(message, m, true);
    }

    // --- knowledge --------------------------------------------------------------------------------

    /** A cited answer: {@code {"answer","citations":[{"doc","text"}]}} (the JSON of {@code classbot ask}). */
    public Outcome ask(String question) {
        Optional<KnowledgeBase> kb = knowledge.base();
        if (kb.isEmpty()) {
            return noKnowledge();
        }
        var answer = kb.get().ask(question);
        Map<String, Object> m = new LinkedHashMap<>(KbJson.answer(answer, false));
        m.put("found", answer.found());
        StringBuilder text = new StringBuilder(answer.answer());
        for (var c : answer.citations()) {
            text.append("\n[").append(c.number()).append("] ").append(c.doc());
        }
        return new Outcome(text.toString(), m, false);
    }

    /** Passages with scores: {@code {"hits":[{"doc","chunk","score","text"}]}} (the JSON of {@code classbot kb search}). */
    public Outcome kbSearch(String query, int k) {
        Optional<KnowledgeBase> kb = knowledge.base();
        if (kb.isEmpty()) {
            return noKnowledge();
        }
        var hits = kb.get().search(query, k);
        StringBuilder text = new StringBuilder(hits.isEmpty() ? "no passages found / 没有找到相关段落" : "");
        for (int i = 0; i < hits.size(); i++) {
            var h = hits.get(i);
            text.append(i + 1).append(". ").append(h.doc()).append(" #").append(h.chunk())
                    .append(String.format(Locale.ROOT, " (score %.3f): ", h.score())).append(oneLine(h.text(), 200)).append('\n');
        }
        return new Outcome(text.toString().strip(), KbJson.hits(hits, false), false);
    }

    /** The indexed documents: {@code {"documents":[{"doc","source","chunks"}]}}. */
    public Map<String, Object> documents() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> docs = new ArrayList<>();
        knowledge.base().ifPresent(kb -> kb.list().forEach(f -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("doc", f.doc());
            d.put("source", f.source());
            d.put("chunks", f.chunks());
            docs.add(d);
        }));
        m.put("documents", docs);
        if (knowledge.base().isEmpty()) {
            m.put("note", "no knowledge base / 没有知识库: " + knowledge.reason());
        }
        return m;
    }

    private Outcome noKnowledge() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("reason", "no_knowledge");
        String msg = "没有可用的知识库 / no knowledge base: " + knowledge.reason();
        m.put("message", msg);
        return new Outcome(msg, m, true);
    }

    // --- camera -----------------------------------------------------------------------------------

    public Outcome describeScene() {
        return camera(() -> vision.describeScene());
    }

    public Outcome startCount(String exercise, OptionalInt target) {
        Optional<Action.Exercise> ex = Action.Exercise.fromId(exercise);
        if (ex.isEmpty()) {
            return refused("invalid", "exercise must be situp, pushup or squat / 运动只能是 situp、pushup、squat, got '" + exercise + "'", List.of());
        }
        if (target.isPresent() && (target.getAsInt() <= 0 || target.getAsInt() > validator.limits().maxTarget())) {
            return refused("limit", "target must be 1.." + validator.limits().maxTarget() + " / 目标个数超出范围", List.of());
        }
        return camera(() -> vision.startCounting(ex.get(), target));
    }

    public Outcome stopCount() {
        return camera(() -> {
            String s = vision.stopCounting();
            return s.isEmpty() ? "nothing was counting / 没有在计数" : s;
        });
    }

    public Outcome countStatus() {
        if (!cameraConfigured) {
            return noCamera();
        }
        boolean running = vision instanceof CameraVision c && c.counting();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("counting", running);
        return new Outcome(running ? "counting / 正在计数" : "not counting / 没有在计数", m, false);
    }

    private Outcome camera(java.util.function.Supplier<String> call) {
        if (!cameraConfigured) {
            return noCamera();
        }
        try {
            String text = call.get();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", true);
            m.put("text", text);
            return new Outcome(text, m, false);
        } catch (SkillException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", false);
            m.put("reason", "camera");
            m.put("message", e.getMessage());
            return new Outcome(e.getMessage(), m, true);
        }
    }

    private static Outcome noCamera() {
        String msg = "没有配置摄像头 / no camera configured: set agent.camera.source or pass --camera SOURCE";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("reason", "no_camera");
        m.put("message", msg);
        return new Outcome(msg, m, true);
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Reads a JSON value handed over by the SDK (maps and lists) as a Jackson 2 tree for {@link Actions}. */
    static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    private static String oneLine(String s, int max) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }
}
