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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.plan.Planner;
import org.classbot.launch.app.AppOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    AppOptions app;

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
        Planner planner = app.app().planner(plannerChoice);
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
    public static Map<String, Object> document(Plan plan, boolean explain) {
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
}
