package org.classbot.launch.agent;

import org.classbot.launch.app.Cli;
import org.classbot.launch.app.UserError;
import org.classbot.launch.app.Json;
import org.classbot.launch.agent.PlanCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.plan.PlanValidator;
import org.classbot.agent.skill.CameraVision;
import org.classbot.agent.skill.ExecutionListener;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.StepResult;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.AppOptions;
import org.classbot.launch.console.ConsolePrinter;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.kb.KnowledgeSession;
import org.classbot.launch.robot.ConnectionOptions;
import org.classbot.launch.robot.RobotFactory;
import org.classbot.launch.robot.RobotJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code classbot do "UTTERANCE" [connection flags]}: plan once and execute through the governed
 * bridge and the motion skills (default profile sim: the in-process simulator), printing each step.
 * Exit 0 when every action was done, 2 when there was nothing to do or the plan broke a limit
 * (nothing moved), 1 when a step failed on the way (blocked, e-stop, link lost).
 */
@Command(name = "do", mixinStandardHelpOptions = true,
        description = {"Plan an utterance and execute it once on the robot (default: the built-in simulator). 规划并执行一句指令。"})
public final class DoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "UTTERANCE", description = "e.g. \"先前进两米，然后右转九十度\"")
    String utterance;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "print {\"actions\":[...],\"ok\":...,\"steps\":[...],\"pose\":{...}}")
    boolean json;

    @Option(names = "--yes", description = "confirm a big move in advance (over agent.confirm_over_m / confirm_over_deg), for scripts")
    boolean yes;

    @Option(names = "--planner", paramLabel = "auto|offline|llm", description = "which planner (default agent.planner, auto)")
    String plannerChoice;

    @Option(names = "--index", paramLabel = "DIR", description = "knowledge index for questions (default knowledge.index)")
    Path index;

    @Option(names = "--camera", paramLabel = "SOURCE",
            description = "camera for describe_scene / count_exercise: video file, /dev/videoN or stream URL (default agent.camera.source)")
    String camera;

    @Mixin
    AppOptions app;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (utterance == null || utterance.isBlank()) {
            throw new UserError("nothing to do: the utterance is empty; try: classbot do \"前进一米，然后左转九十度\"");
        }
        ClassbotApp app = this.app.app();
        RobotFactory robots = app.robots();
        Plan plan = app.planner(plannerChoice).plan(utterance);
        PrintWriter out = spec.commandLine().getOut();
        if (plan.actions().isEmpty()) {
            throw new UserError("nothing to do for \"" + utterance.strip() + "\": " + String.join(" ", plan.notes()));
        }
        PlanValidator validator = app.validator();
        if (!validator.violations(plan.actions()).isEmpty()) {
            throw new UserError("plan refused, nothing moved / 计划被拒绝: " + String.join("; ", validator.violations(plan.actions())));
        }
        if (!yes) {
            app.confirmation().question(plan).ifPresent(q -> {
                throw new UserError(q + " — nothing moved; run again with --yes to confirm / 未移动：加 --yes 确认");
            });
        }
        if (!json) {
            out.print(PlanText.lines(plan));
            plan.notes().forEach(n -> out.println("note: " + n));
            out.flush();
        }
        boolean needsRobot = plan.actions().stream().anyMatch(a -> a instanceof Action.Move || a instanceof Action.Turn
                || a instanceof Action.GoTo || a instanceof Action.Stop || a instanceof Action.Speak);
        KnowledgeSession kb = KnowledgeSession.lazy(app, index);
        Vision vision = app.camera(camera, text -> {
            if (!json) {
                out.println("  " + text);
                out.flush();
            }
        });
        try (SafetyGovernor robot = robots.connect(connection, needsRobot);
             AutoCloseable closeVision = vision instanceof CameraVision c ? c : () -> { }) {
            PlanExecutor executor = app.executor(robot, kb.answerer(), vision);
            ExecutionReport report = executor.execute(plan, json ? ExecutionListener.NONE : (i, r) -> {
                out.println(ConsolePrinter.line(i, r));
                out.flush();
            });
            if (vision instanceof CameraVision c) {
                while (c.counting()) { // a count runs to its target or the end of the video
                    Thread.sleep(100);
                }
            }
            RobotState state = robot.state();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>(PlanCommand.document(plan, false));
                doc.putAll(report.toJson());
                doc.put("pose", RobotJson.shortPose(state.pose()));
                Json.println(out, doc);
            } else {
                out.printf(Locale.ROOT, "pose: x=%.3f m y=%.3f m θ=%.1f°%s%n", state.pose().x(), state.pose().y(),
                        Math.toDegrees(state.pose().theta()), state.estopped() ? " (E-STOP latched)" : "");
                out.flush();
            }
            if (report.ok()) {
                return Cli.EXIT_OK;
            }
            boolean refused = report.steps().stream().anyMatch(r -> r.status() == StepResult.Status.REFUSED);
            return refused ? Cli.EXIT_REFUSED : Cli.EXIT_INTERNAL;
        } finally {
            kb.close();
        }
    }
}
