package org.classbot.agent.plan.offline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.classbot.agent.skill.MapPlaces;
import org.classbot.bridge.map.RoomMap;

/**
 * Planning speed on the project's own tables (issue 9's benchmark line in agent/README): the positive example table
 * and held-out set, and the negative table, each planned {@code rounds} times after a warm-up. Prints cases/s and
 * p50/p95/max per case, and the negatives' time relative to the positives' (a non-command should cost no more
 * than a command). Run with {@code launch/scripts/bench-planner.sh [rounds]}.
 */
public final class PlannerBenchmark {

    private PlannerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        OfflinePlanner planner = new OfflinePlanner(MapPlaces.catalog(RoomMap.classroom()));
        List<String> positives = new java.util.ArrayList<>();
        PlanCases.load("/planner-cases.tsv").forEach(c -> positives.add(c.utterance()));
        PlanCases.load("/planner-heldout.tsv").forEach(c -> positives.add(c.utterance()));
        List<String> negatives = lines("/planner-negatives.tsv");
        System.out.printf(Locale.ROOT, "offline planner, %d rounds, %d cores, Java %s%n", rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        double pos = run(planner, "positives", positives, rounds);
        double neg = run(planner, "negatives", negatives, rounds);
        System.out.printf(Locale.ROOT, "negatives / positives mean time per case: %.2f%n", neg / pos);
    }

    /** @return the mean time per case in ms */
    private static double run(OfflinePlanner planner, String name, List<String> said, int rounds) {
        for (int i = 0; i < 3; i++) {
            said.forEach(planner::plan);
        }
        long[] nanos = new long[said.size() * rounds];
        long t0 = System.nanoTime();
        for (int i = 0; i < nanos.length; i++) {
            long s = System.nanoTime();
            planner.plan(said.get(i % said.size()));
            nanos[i] = System.nanoTime() - s;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-9s %4d distinct, %6d plans: %7.0f cases/s, p50 %.3f ms, p95 %.3f ms, max %.2f ms%n", name,
                said.size(), nanos.length, nanos.length / seconds, nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.95)] / 1e6, nanos[nanos.length - 1] / 1e6);
        return seconds * 1e3 / nanos.length;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = PlannerBenchmark.class.getResourceAsStream(resource)) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
