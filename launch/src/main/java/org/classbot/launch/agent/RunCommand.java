package org.classbot.launch.agent;

import org.classbot.launch.app.Cli;
import org.classbot.launch.app.UserError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.dialogue.DialogueListener;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.plan.Planner;
import org.classbot.agent.skill.CameraVision;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.StepResult;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.AppOptions;
import org.classbot.launch.console.Console;
import org.classbot.launch.console.ConsolePrinter;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.kb.SampleDocs;
import org.classbot.launch.kb.KnowledgeSession;
import org.classbot.launch.mcp.McpEndpoint;
import org.classbot.launch.robot.ConnectionOptions;
import org.classbot.launch.robot.RobotFactory;
import org.classbot.launch.web.ChatHistory;
import org.classbot.launch.web.Dashboard;
import org.classbot.launch.web.EventLog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classbot run}: the agent. Starts the robot (the embedded simulator by default), the knowledge
 * base (the bundled sample documents are ingested into the configured index on first start), the web
 * dashboard on 127.0.0.1:8080 and an interactive console: each line is planned and executed; questions
 * get cited answers; "estop"/"急停" latches the e-stop at once, "stop"/"停" stops, "reset"/"复位" clears it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the agent: robot + knowledge base + dashboard (127.0.0.1:8080) + console. 启动课堂机器人助手。",
                "Console: type a command or question; 'estop'/'急停' = emergency stop, 'reset'/'复位', 'status', 'help', 'quit'."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    AppOptions appOptions;

    @Option(names = "--index", paramLabel = "DIR", description = "knowledge index (default knowledge.index)")
    Path index;

    @Option(names = "--samples", paramLabel = "DIR", description = "documents to ingest when the index is empty (default: the bundled launch/samples/kb)")
    Path samples;

    @Option(names = "--port", paramLabel = "PORT", description = "dashboard port (default web.port, 8080; 0 = any free port)")
    Integer port;

    @Option(names = "--camera", paramLabel = "SOURCE",
            description = "camera for 'what do you see' and exercise counting: video file, /dev/videoN or stream URL (default agent.camera.source)")
    String camera;

    @Option(names = "--mcp", paramLabel = "PORT",
            description = "also serve MCP (streamable HTTP at /mcp on mcp.host) inside this run, on the same robot and governor (0 = any free port)")
    Integer mcpPort;

    @Option(names = "--no-web", description = "do not start the dashboard")
    boolean noWeb;

    @Option(names = "--planner", paramLabel = "auto|offline|llm", description = "which planner (default agent.planner, auto)")
    String plannerChoice;

    @Option(names = "--voice", description = "listen on the microphone too (VAD; \"stop\"/\"停\" stops at once) and speak replies / 开启语音")
    boolean voice;

    @Spec
    CommandSpec spec;

    /** For tests: the console reads this instead of stdin when set. */
    InputStream input = System.in;

    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        try {
            return runAgent();
        } finally {
            closed.countDown();
        }
    }

    private Integer runAgent() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClassbotApp app = appOptions.app();
        RobotFactory robots = app.robots();
        RoomMap map = app.map();
        Planner planner = app.planner(plannerChoice);
        ConsolePrinter console = new ConsolePrinter(out);

        try (SafetyGovernor robot = robots.connect(connection, false);
             KnowledgeSession knowledge = KnowledgeSession.open(app, index, samples != null ? samples : SampleDocs.samples().orElse(null),
                     console::println)) {
            EventLog events = new EventLog();
            Vision vision = app.camera(camera, text -> {
                console.reply(text);
                events.reply(text);
            });
            Path kbIndex = index != null ? index : app.settings().knowledge().index().orElse(null);
            ChatHistory chat = noWeb ? null : new ChatHistory(app.settings().web().historyFile(kbIndex), app.settings().web().historyKeep());
            PlanExecutor executor = app.executor(robot, chat == null ? knowledge.answerer() : chat.citing(knowledge), vision);
            try (AutoCloseable closeVision = vision instanceof CameraVision c ? c : () -> { };
                 Dialogue dialogue = new Dialogue(planner, executor, app.confirmation());
                 Dashboard dashboard = noWeb ? null : new Dashboard(dialogue, robot, events).map(map).chat(chat)
                         .knowledge(knowledge, app.settings().web().uploadsDir(kbIndex)).settings(app.settings().web())
                         .camera(app, camera).voice(app::recognizer);
                 McpEndpoint mcp = mcpPort == null ? null : McpEndpoint.startHttp(app, robot, planner, executor, knowledge, vision,
                         camera != null ? camera : app.settings().agent().camera().source(), mcpPort, System.getenv())) {
                dialogue.addListener(events);
                dialogue.addListener(console);
                AutoCloseable voiceSession = voice ? org.classbot.launch.voice.VoiceSession.start(app, dialogue, console::println) : () -> { };
                String web = "";
                if (dashboard != null) {
                    String host = app.settings().web().host();
                    int p = port != null ? port : app.settings().web().port();
                    try {
                        int bound = dashboard.start(host, p);
                        web = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound + "/";
                        String base = web;
                        dashboard.loginLink(base).ifPresent(link -> console.println(
                                "仪表盘需要登录 / the dashboard is reachable beyond this computer; log in once with: " + link));
                    } catch (RuntimeException e) {
                        throw new UserError("cannot start the dashboard on " + host + ":" + p + " (" + Cli.oneLine(rootMessage(e))
                                + "); use --port N, web.port, or --no-web");
                    }
                }
                if (mcp != null) {
                    // what an assistant does shows where the teacher looks: the plan panel, the log and this console
                    if (dashboard != null) {
                        mcp.watch(dashboard.watcher());
                    }
                    mcp.watch(console);
                }
                console.println("ClassBot 已启动 / running — robot: " + robots.profile(connection) + " " + robots.spec(connection).robotId()
                        + (web.isEmpty() ? "" : " · dashboard: " + web) + (mcp == null ? "" : " · MCP: " + mcp.url()) + " · places: " + map.places().stream().map(pl -> pl.name()).toList());
                console.println("输入指令或问题；“急停”/estop 紧急停止，“复位”/reset 解除，help 帮助，quit 退出 / type a command or a question.");
                boolean interactive = input == System.in && System.console() != null;
                boolean quit = new Console(dialogue, robot, console, interactive)
                        .run(new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)));
                if ((dashboard != null || mcp != null) && !quit) {
                    console.println("控制台输入已结束，仪表盘/MCP 仍在运行：" + (web.isEmpty() ? mcp.url() : web) + "（Ctrl-C 退出）/ console input ended; the "
                            + (dashboard != null ? "dashboard" : "MCP server") + " keeps running (Ctrl-C to quit)");
                    CountDownLatch forever = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        forever.countDown();
                        try { // let the robot stop and the index close before the JVM goes
                            closed.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                    forever.await();
                }
                dialogue.awaitIdle(1, TimeUnit.SECONDS);
                voiceSession.close();
            }
        }
        return Cli.EXIT_OK;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
