package org.classbot.launch.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.skill.ExecutionListener;
import org.classbot.agent.skill.StepResult;
import org.classbot.launch.app.Json;

/**
 * The MCP tools of ClassBot: names, bilingual descriptions, JSON schemas and the adapters from a
 * {@code tools/call} to {@link McpEngine}. A handler never throws: a bad argument or a failure becomes a
 * result with {@code isError: true} and the reason, and nothing moves.
 */
final class McpTools {

    private static final Logger log = LoggerFactory.getLogger(McpTools.class);
    private static final int MAX_TEXT = 2000;

    /** One tool: what the client sees and what it runs. */
    record Def(Tool tool, Function<Call, McpEngine.Outcome> run) {
    }

    /** The arguments of one call, with the exchange for progress notifications (null in tests). */
    record Call(Map<String, Object> args, McpSyncServerExchange exchange, Object progressToken) {
    }

    private McpTools() {
    }

    /**
     * Every tool; {@code reset} only when {@code allowReset} ({@code mcp.allow_reset}); with {@code elicitConfirm}
     * ({@code mcp.elicit_confirm}) a big move without {@code confirm:true} asks the person through MCP elicitation.
     */
    static List<Def> all(McpEngine engine, boolean allowReset, boolean elicitConfirm) {
        PlanLimits l = engine.validator().limits();
        double confirmM = engine.confirmation().overM();
        List<Def> d = new ArrayList<>();
        d.add(new Def(tool("robot_state", "Robot state / 机器人状态",
                "The robot's pose (x, y in metres, theta_deg), velocity, battery, link and e-stop state; the same JSON as the dashboard's "
                        + "GET /api/state. Nothing moves. / 返回机器人的位置、速度、电量、连接与急停状态，不会移动机器人。",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}", true, false),
                c -> engine.robotState()));
        d.add(new Def(tool("plan", "Plan (dry run) / 规划（不执行）",
                "Turn what a person said (Chinese or English) into ClassBot actions, with the explain trace (which words became which "
                        + "numbers), the limit violations it would meet and whether it needs confirm:true. Nothing moves: pass the actions "
                        + "to execute. / 把一句话变成动作计划（附解释），只规划，不移动。",
                "{\"type\":\"object\",\"properties\":{\"utterance\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":" + MAX_TEXT
                        + ",\"description\":\"e.g. 先前进两米，然后右转九十度 / move forward 1 m\"}},\"required\":[\"utterance\"],"
                        + "\"additionalProperties\":false}", true, false),
                c -> engine.plan(text(c.args(), "utterance"))));
        d.add(new Def(tool("execute", "Execute actions / 执行动作",
                String.format(Locale.ROOT, "Run a list of ClassBot actions on the robot through the plan validator and the safety governor. "
                        + "Vocabulary: move {distance_m (+ forward), speed_mps?}, turn {angle_deg (+ left)}, stop, go_to {place}, "
                        + "speak {text}, answer {question}, count_exercise {exercise: situp|pushup|squat, target?}, describe_scene. "
                        + "Limits: |distance_m| <= %s m, speed_mps <= %s m/s, |angle_deg| <= %s, at most %d actions; places: %s. "
                        + "A move over %s m needs confirm:true (ask the person first). Refusals say why (limit, estop, link_down, "
                        + "not_confirmed, invalid) and nothing moves. / 通过安全限制执行动作；超过 %s 米需要 confirm:true；被拒绝时机器人不动。",
                        fmt(l.maxDistanceM()), fmt(l.maxSpeedMps()), fmt(l.maxAngleDeg()), l.maxActions(), l.places().names(),
                        fmt(confirmM), fmt(confirmM)),
                executeSchema(l), false, true),
                c -> execute(engine, c, elicitConfirm)));
        d.add(new Def(tool("stop", "Stop / 停止",
                "Stop the robot now and cancel the running plan (the e-stop stays as it is). / 立即停止并取消当前计划。",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}", false, false),
                c -> engine.stop()));
        d.add(new Def(tool("estop", "Emergency stop / 急停",
                "Latch the emergency stop: the robot stops and refuses all motion until a person resets it"
                        + (allowReset ? " (reset tool)." : " (not possible over MCP: classbot robot reset or the dashboard).")
                        + " / 锁定急停，需要人工复位。",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}", false, false),
                c -> engine.estop()));
        if (allowReset) {
            d.add(new Def(tool("reset", "Reset the e-stop / 解除急停",
                    "Clear a latched emergency stop (enabled by mcp.allow_reset: true). Make sure a person has checked the robot. "
                            + "/ 解除急停（mcp.allow_reset 打开时才有）。",
                    "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}", false, true),
                    c -> engine.reset()));
        }
        d.add(new Def(tool("ask", "Ask the knowledge base / 知识库问答",
                "Answer a question from the classroom knowledge base only, with citations {doc, text}; says so when the documents "
                        + "do not cover it. Nothing moves. / 只根据知识库回答，并给出引用。",
                "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":" + MAX_TEXT
                        + "}},\"required\":[\"question\"],\"additionalProperties\":false}", true, false),
                c -> engine.ask(text(c.args(), "question"))));
        d.add(new Def(tool("kb_search", "Search the knowledge base / 检索知识库",
                "Hybrid search of the knowledge base: passages {doc, chunk, score, text}, best first. / 检索知识库段落（带分数）。",
                "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":" + MAX_TEXT
                        + "},\"k\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":50,\"default\":5}},\"required\":[\"query\"],"
                        + "\"additionalProperties\":false}", true, false),
                c -> engine.kbSearch(text(c.args(), "query"), integer(c.args(), "k", 5, 1, 50))));
        d.add(new Def(tool("describe_scene", "Describe the scene / 描述画面",
                "Say what the camera sees now (people and objects). Needs a camera (agent.camera.source). / 描述摄像头看到的内容。",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}", true, false),
                c -> engine.describeScene()));
        d.add(new Def(tool("start_count", "Start counting exercise / 开始计数",
                "Start counting repetitions of situp, pushup or squat on the camera, optionally up to a target. / 开始数仰卧起坐、俯卧撑或深蹲。",
                "{\"type\":\"object\",\"properties\":{\"exercise\":{\"type\":\"string\",\"enum\":[\"situp\",\"pushup\",\"squat\"]},"
                        + "\"target\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":" + l.maxTarget() + "}},\"required\":[\"exercise\"],"
                        + "\"additionalProperties\":false}", false, false),
                c -> engine.startCount(text(c.args(), "exercise"), optionalInt(c.args(), "target"))));
        d.add(new Def(tool("stop_count", "Stop counting / 停止计数",
                "Stop the running count and report the total. / 停止计数并报告总数。",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}", false, false),
                c -> engine.stopCount()));
        d.add(new Def(tool("count_status", "Counting status / 计数状态",
                "Whether a count is running on the camera. / 是否正在计数。",
                "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}", true, false),
                c -> engine.countStatus()));
        return d;
    }

    /** The SDK's tool specifications: each handler times itself and turns every failure into an error result. */
    static List<SyncToolSpecification> specifications(List<Def> defs) {
        List<SyncToolSpecification> out = new ArrayList<>();
        for (Def d : defs) {
            out.add(SyncToolSpecification.builder().tool(d.tool()).callHandler((exchange, req) -> call(d, exchange, req)).build());
        }
        return out;
    }

    static CallToolResult call(Def d, McpSyncServerExchange exchange, CallToolRequest req) {
        long t0 = System.nanoTime();
        McpEngine.Outcome o;
        try {
            Map<String, Object> args = req.arguments() == null ? Map.of() : req.arguments();
            Object token = req.meta() == null ? null : req.meta().get("progressToken");
            o = d.run().apply(new Call(args, exchange, token));
        } catch (BadArgument e) {
            o = new McpEngine.Outcome(e.getMessage(), Map.of("ok", false, "reason", "invalid", "message", e.getMessage(), "moved", false), true);
        } catch (RuntimeException e) {
            log.warn("tool {} failed", d.tool().name(), e);
            String msg = d.tool().name() + " failed / 执行失败: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            o = new McpEngine.Outcome(msg, Map.of("ok", false, "reason", "failed", "message", msg), true);
        }
        log.info("tool {} in {} ms{}", d.tool().name(), (System.nanoTime() - t0) / 1_000_000, o.error() ? " (error)" : "");
        return result(o);
    }

    static CallToolResult result(McpEngine.Outcome o) {
        return CallToolResult.builder().addTextContent(o.text()).structuredContent(o.data()).isError(o.error()).build();
    }

    private static McpEngine.Outcome execute(McpEngine engine, Call c, boolean elicitConfirm) {
        Object actions = c.args().get("actions");
        if (!(actions instanceof List<?>)) {
            throw new BadArgument("argument 'actions' must be a list of action objects, e.g. [{\"action\":\"move\",\"distance_m\":0.5}]"
                    + " / actions 必须是动作列表");
        }
        Object confirm = c.args().get("confirm");
        if (confirm != null && !(confirm instanceof Boolean)) {
            throw new BadArgument("argument 'confirm' must be true or false / confirm 必须是 true 或 false");
        }
        ExecutionListener progress = ExecutionListener.NONE;
        if (c.exchange() != null && c.progressToken() != null) {
            int total = ((List<?>) actions).size();
            progress = new ExecutionListener() {
                @Override
                public void finished(int index, StepResult result) {
                    try {
                        c.exchange().progressNotification(new McpSchema.ProgressNotification(c.progressToken(), index + 1.0,
                                (double) total, result.message()));
                    } catch (RuntimeException e) {
                        log.debug("progress notification failed", e);
                    }
                }
            };
        }
        boolean confirmed = Boolean.TRUE.equals(confirm);
        if (!confirmed && elicitConfirm && c.exchange() != null && c.exchange().getClientCapabilities() != null
                && c.exchange().getClientCapabilities().elicitation() != null) {
            var question = engine.confirmQuestion(McpEngine.tree(actions));
            if (question.isPresent()) {
                confirmed = askThePerson(c.exchange(), question.get());
            }
        }
        return engine.execute(McpEngine.tree(actions), confirmed, progress);
    }

    /** MCP elicitation: the client shows the question to its user; only an accepted "yes" confirms. */
    private static boolean askThePerson(McpSyncServerExchange exchange, String question) {
        try {
            Map<String, Object> schema = schema("{\"type\":\"object\",\"properties\":{\"confirm\":{\"type\":\"boolean\","
                    + "\"title\":\"Confirm / 确认\"}},\"required\":[\"confirm\"]}");
            McpSchema.ElicitResult r = exchange.createElicitation(McpSchema.ElicitRequest.builder(question, schema).build());
            boolean yes = r != null && r.action() == McpSchema.ElicitResult.Action.ACCEPT && r.content() != null
                    && Boolean.TRUE.equals(r.content().get("confirm"));
            log.info("elicitation '{}': {}", question, yes ? "confirmed" : "not confirmed");
            return yes;
        } catch (RuntimeException e) {
            log.warn("elicitation failed; not confirmed", e);
            return false;
        }
    }

    private static Tool tool(String name, String title, String description, String inputSchema, boolean readOnly, boolean destructive) {
        return Tool.builder().name(name).title(title).description(description).inputSchema(schema(inputSchema))
                .annotations(new ToolAnnotations(title, readOnly, destructive, false, false, null)).build();
    }

    private static String executeSchema(PlanLimits l) {
        return "{\"type\":\"object\",\"properties\":{"
                + "\"actions\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":" + l.maxActions() + ",\"items\":{\"type\":\"object\","
                + "\"properties\":{"
                + "\"action\":{\"type\":\"string\",\"enum\":[\"move\",\"turn\",\"stop\",\"go_to\",\"speak\",\"answer\",\"count_exercise\",\"describe_scene\"]},"
                + "\"distance_m\":{\"type\":\"number\",\"description\":\"metres, + forward, - back\"},"
                + "\"speed_mps\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"description\":\"m/s, at most " + fmt(l.maxSpeedMps()) + "\"},"
                + "\"angle_deg\":{\"type\":\"number\",\"description\":\"degrees, + left (counter-clockwise), - right\"},"
                + "\"place\":{\"type\":\"string\",\"description\":\"one of " + l.places().names().toString().replace("\"", "") + "\"},"
                + "\"text\":{\"type\":\"string\",\"maxLength\":" + l.maxTextChars() + "},"
                + "\"question\":{\"type\":\"string\",\"maxLength\":" + l.maxTextChars() + "},"
                + "\"exercise\":{\"type\":\"string\",\"enum\":[\"situp\",\"pushup\",\"squat\"]},"
                + "\"target\":{\"type\":\"integer\",\"minimum\":1}"
                + "},\"required\":[\"action\"],\"additionalProperties\":false}},"
                + "\"confirm\":{\"type\":\"boolean\",\"description\":\"true once the person agreed to a big move / 已确认大幅移动\"}"
                + "},\"required\":[\"actions\"],\"additionalProperties\":false}";
    }

    static Map<String, Object> schema(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad built-in schema: " + json, e);
        }
    }

    // --- arguments --------------------------------------------------------------------------------

    /** A wrong or missing argument: an error result, never a crash. */
    static final class BadArgument extends RuntimeException {
        BadArgument(String message) {
            super(message);
        }
    }

    static String text(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new BadArgument("argument '" + name + "' must be a non-empty text / 参数 " + name + " 必须是非空文本");
        }
        if (s.length() > MAX_TEXT) {
            throw new BadArgument("argument '" + name + "' is longer than " + MAX_TEXT + " characters / 参数 " + name + " 太长");
        }
        return s;
    }

    static int integer(Map<String, Object> args, String name, int dflt, int min, int max) {
        Object v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
            throw new BadArgument("argument '" + name + "' must be a whole number " + min + ".." + max + " / 参数 " + name + " 必须是整数");
        }
        return n.intValue();
    }

    static OptionalInt optionalInt(Map<String, Object> args, String name) {
        return args.get(name) == null ? OptionalInt.empty() : OptionalInt.of(integer(args, name, 0, 1, Integer.MAX_VALUE));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
