package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.classbot.agent.skill.MapPlaces;
import org.classbot.bridge.map.RoomMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline planner against its example table ({@code planner-cases.tsv}: Chinese and English,
 * numbers in digits and words, units, compounds, stop, places, speech, questions, counting, scene).
 */
class OfflinePlannerCasesTest {

    /** The places of the built-in classroom map, as `classbot plan` uses them. */
    private static final OfflinePlanner PLANNER = new OfflinePlanner(MapPlaces.catalog(RoomMap.classroom()));

    static List<PlanCases.Case> cases() {
        return PlanCases.load("/planner-cases.tsv");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void should_plan_the_example_as_written(PlanCases.Case c) {
        Plan plan = PLANNER.plan(c.utterance());
        assertThat(PlanCases.same(PlanCases.actionsJson(plan), c.expected()))
                .as("line %d: %s%n got      %s%n expected %s%n notes %s", c.line(), c.utterance(),
                        PlanCases.actionsJson(plan), c.expected(), plan.notes())
                .isTrue();
    }

    @Test
    void should_cover_at_least_150_examples_in_both_languages() {
        List<PlanCases.Case> all = cases();
        long chinese = all.stream().filter(c -> Text.hasHan(c.utterance())).count();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        assertThat(chinese).isGreaterThanOrEqualTo(60);
        assertThat(all.size() - chinese).isGreaterThanOrEqualTo(60);
    }

    @Test
    void should_reach_at_least_90_percent_on_the_held_out_set() {
        List<PlanCases.Case> heldOut = PlanCases.load("/planner-heldout.tsv");
        int right = 0;
        StringBuilder misses = new StringBuilder();
        for (PlanCases.Case c : heldOut) {
            Plan plan = PLANNER.plan(c.utterance());
            if (PlanCases.same(PlanCases.actionsJson(plan), c.expected())) {
                right++;
            } else {
                misses.append("\n  ").append(c.utterance()).append(" -> ").append(PlanCases.actionsJson(plan));
            }
        }
        double accuracy = (double) right / heldOut.size();
        System.out.printf("offline planner, held-out set: %d/%d = %.1f%%%s%n", right, heldOut.size(), 100 * accuracy, misses);
        assertThat(heldOut).hasSizeGreaterThanOrEqualTo(50);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
    }
}
