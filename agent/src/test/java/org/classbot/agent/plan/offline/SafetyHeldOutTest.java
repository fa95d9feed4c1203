package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.classbot.agent.skill.MapPlaces;
import org.classbot.bridge.map.RoomMap;

/** Issue 9's held-out set (non-commands never move; commands exact), written before the request gate. */
class SafetyHeldOutTest {

    private static final OfflinePlanner PLANNER = new OfflinePlanner(MapPlaces.catalog(RoomMap.classroom()));

    @Test
    void should_report_the_safety_held_out_figures() throws IOException {
        String text;
        try (InputStream in = SafetyHeldOutTest.class.getResourceAsStream("/planner-safety-heldout.tsv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int non = 0, moved = 0, cmd = 0, exact = 0;
        StringBuilder misses = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            Plan plan = PLANNER.plan(f[1]);
            if (f[0].equals("non")) {
                non++;
                if (plan.actions().stream().anyMatch(SafetyHeldOutTest::moves)) {
                    moved++;
                    misses.append("\n  MOVED ").append(f[1]).append(" -> ").append(PlanCases.actionsJson(plan));
                }
            } else {
                cmd++;
                if (PlanCases.same(PlanCases.actionsJson(plan), PlanCases.MAPPER.readTree(f[2]))) {
                    exact++;
                } else {
                    misses.append("\n  MISSED ").append(f[1]).append(" -> ").append(PlanCases.actionsJson(plan));
                }
            }
        }
        System.out.printf("safety held-out: non-commands %d, moved on %d; commands %d, exact %d%s%n", non, moved, cmd, exact, misses);
        assertThat(non).isPositive();
        assertThat(cmd).isPositive();
    }

    static boolean moves(Action a) {
        return a instanceof Action.Move || a instanceof Action.Turn || a instanceof Action.GoTo;
    }
}
