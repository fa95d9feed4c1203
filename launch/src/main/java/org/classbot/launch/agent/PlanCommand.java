package org.classbot.launch.agent;

import org.classbot.launch.app.Cli;
import org.classbot.launch.app.UserError;
import org.classbot.launch.app.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.classbot.agent.llm.LlmEndpoint;
import org.classbot.agent.llm.Planners;
import org.classbot.agent.plan.OfflinePlanner;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.plan.Planner;
import org.classbot.agent.skill.MapPlaces;
import org.classbot.bridge.map.RoomMap;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.robot.RobotFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code classbot plan "UTTERANCE" [--json] [--explain]} and {@code classbot plan --batch FILE --json}:
 * utterance → actions, no robot needed. JSON: {@code {"actions":[...]}}; {@code "notes"} is added
 * only when part of the input was not understood; {@code "explain"} only with {@code --explain}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan the actions for an utterance (no robot needed). 把一句话变成动作计划。",
                "Exit 0 with an empty action list and a note when nothing is understood; exit 2 for an empty utterance."})
public final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "UTTERANCE", description = "what the user said, e.g. \"先前进两米，然后右转九十度\"")
    String utterance;

    @Option(names = "--batch", paramLabel = "FILE", description = "one utterance per line ('-' = stdin); prints one result per line, in order")
    String batch;

    @Option(names = "--json", description = "print JSON ({\"actions\":[...]}); JSON Lines with --batch")
    boolean json;

    @Option(names = "--explain", description = "add the numbers behind the plan: which tokens became which numbers and units")
    boolean explain;

    @Option(names = "--planner", paramLabel = "auto|offline|llm",
            description = "auto (default: the LLM planner when llm.provider is set, else offline), offline, or llm")
    String plannerChoice;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default ./classbot.yaml, then ~/.classbot/config.yaml)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (batch != null && utterance != null) {
            throw new UserError("give either an UTTERANCE or --batch FILE, not both (e.g. classbot plan --batch lines.txt --json)");
        }
        if (batch == null && (utterance == null || utterance.isBlank())) {
            throw new UserError("nothing to plan: the utterance is empty; try: classbot plan \"先前进两米，然后右转九十度\" "
                    + "/ 没有可规划的内容：请给出一句话");
        }
        ClassbotConfig cfg = ClassbotConfig.load(config);
        Planner planner = planner(cfg, plannerChoice);
        PrintWriter out = spec.commandLine().getOut();
        if (batch == null) {
            print(out, utterance, planner.plan(utterance));
            return Cli.EXIT_OK;
        }
        try (BufferedReader in = open(batch)) {
            String line;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                Plan plan = line.isBlank() ? Plan.of(List.of(), OfflinePlanner.NAME) : planner.plan(line);
                if (!json) {
                    out.println("> " + line);
                }
                print(out, line, plan);
            }
        } catch (IOException e) {
            throw new UserError("cannot read --batch " + batch + ": " + e.getMessage());
        }
        return Cli.EXIT_OK;
    }

    private void print(PrintWriter out, String text, Plan plan) {
        if (json) {
            Json.println(out, document(plan, explain));
            return;
        }
        if (plan.actions().isEmpty()) {
            out.println(text.isBlank() ? "(empty line: no actions)" : "(no actions / 无动作)");
        } else {
            out.print(PlanText.lines(plan));
        }
        for (String n : plan.notes()) {
            out.println("note: " + n);
        }
        if (explain) {
            out.print(PlanText.explain(plan));
        }
        out.flush();
    }

    /** The JSON document of one plan: {"actions":[...]} (+ "notes" when any, + "explain" on request). */
    static Map<String, Object> document(Plan plan, boolean explain) {
        Map<String, Object> doc = new LinkedHashMap<>(plan.toJson());
        if (!plan.notes().isEmpty()) {
            doc.put("notes", plan.notes());
        }
        if (explain) {
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("planner", plan.planner());
            ex.put("steps", plan.trace().stream().map(Plan.Step::toJson).toList());
            doc.put("explain", ex);
        }
        return doc;
    }

    private static BufferedReader open(String batch) {
        if (batch.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        Path p = Path.of(batch);
        if (Files.isDirectory(p)) {
            throw new UserError("--batch " + batch + " is a folder; give a text file with one utterance per line");
        }
        try {
            return Files.newBufferedReader(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("--batch file not found: " + batch + " (give a text file with one utterance per line)");
        } catch (IOException e) {
            throw new UserError("cannot read --batch " + batch + ": " + e.getMessage());
        }
    }

    // --- shared with `do` and `run` -----------------------------------------------------------------

    /** The places the planner knows: the robot's map. */
    static PlaceCatalog places(RoomMap map) {
        return MapPlaces.catalog(map);
    }

    /** Plan limits from {@code agent.limits.*} and the robot's linear speed limit. */
    static PlanLimits limits(ClassbotConfig cfg, PlaceCatalog places, double maxSpeedMps) {
        PlanLimits d = PlanLimits.defaults(places);
        try {
            return new PlanLimits(cfg.getDouble("agent.limits.max_distance_m", d.maxDistanceM()),
                    cfg.getDouble("agent.limits.max_angle_deg", d.maxAngleDeg()), maxSpeedMps,
                    cfg.getInt("agent.limits.max_actions", d.maxActions()), d.maxTextChars(), d.maxTarget(), places);
        } catch (IllegalArgumentException e) {
            throw new UserError("agent.limits: " + e.getMessage() + " (fix the values in your classbot.yaml)");
        }
    }

    /** The LLM endpoint of {@code llm.*}; the API key only from env CLASSBOT_LLM_API_KEY. */
    static LlmEndpoint endpoint(ClassbotConfig cfg) {
        try {
            return new LlmEndpoint(cfg.getString("llm.provider", "none"), cfg.getString("llm.base_url", ""),
                    cfg.getString("llm.model", ""), System.getenv().getOrDefault("CLASSBOT_LLM_API_KEY", ""),
                    Duration.ofMillis(Math.round(cfg.getDouble("llm.timeout_s", 60) * 1000)));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " (fix the llm section of your classbot.yaml)");
        }
    }

    /** The planner for the configured robot: places from its map (robot.places), speed limit from robot.safety. */
    static Planner planner(ClassbotConfig cfg, String choice) {
        RobotFactory robots = new RobotFactory(cfg);
        return planner(cfg, choice, robots.map(), robots.limits().maxLinear());
    }

    static Planner planner(ClassbotConfig cfg, String choice, RoomMap map, double maxSpeedMps) {
        PlanLimits limits = limits(cfg, places(map), maxSpeedMps);
        String c = choice == null ? cfg.getString("agent.planner", "auto") : choice;
        switch (c.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "offline":
                return new OfflinePlanner(limits.places());
            case "auto":
                return Planners.create(endpoint(cfg), limits);
            case "llm":
                LlmEndpoint e = endpoint(cfg);
                if (!e.enabled()) {
                    throw new UserError("--planner llm needs an LLM: set llm.provider (ollama or openai), llm.base_url and "
                            + "llm.model in classbot.yaml or CLASSBOT_LLM_PROVIDER");
                }
                return Planners.create(e, limits);
            default:
                throw new UserError("--planner must be auto, offline or llm, got '" + c + "'");
        }
    }
}
