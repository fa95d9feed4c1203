package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.Plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OfflinePlannerTest {

    private final OfflinePlanner planner = new OfflinePlanner();

    @Test
    void should_try_its_rules_in_the_documented_order_first_match_wins() {
        assertThat(planner.ruleOrder()).containsExactly("filler", "greeting", "help", "describe_scene", "count",
                "quoted_speech", "question", "stop", "speech", "negated_motion", "go_to", "motion", "yes_no_question",
                "unknown_place");
        // quoted speech before the question rule, the question before motion, the negation before places
        assertThat(planner.plan("说“你好吗”").actions()).containsExactly(new Action.Speak("你好吗"));
        assertThat(planner.plan("机器人能前进多远？").actions()).allMatch(a -> a instanceof Action.Answer);
        assertThat(planner.plan("不要去门口").actions()).isEmpty();
        assertThat(planner.plan("不要去门口").trace().get(0).rule()).startsWith("refuse.");
    }

    @Test
    void should_explain_which_tokens_became_which_numbers() {
        Plan plan = planner.plan("先前进两米，然后右转九十度");
        assertThat(plan.trace()).hasSize(2);
        Plan.NumberReading distance = plan.trace().get(0).numbers().get(0);
        assertThat(distance.text()).isEqualTo("两米");
        assertThat(distance.value()).isEqualTo(2.0);
        assertThat(distance.unit()).isEqualTo("米");
        assertThat(distance.si()).isEqualTo(2.0);
        assertThat(distance.siUnit()).isEqualTo("m");
        Plan.NumberReading angle = plan.trace().get(1).numbers().get(0);
        assertThat(angle.text()).isEqualTo("九十度");
        assertThat(angle.si()).isEqualTo(90.0);
        assertThat(plan.trace().get(1).actions()).containsExactly(new Action.Turn(-90));
    }

    @Test
    void should_explain_unit_conversion() {
        Plan.NumberReading r = planner.plan("back up 30 centimeters").trace().get(0).numbers().get(0);
        assertThat(r.value()).isEqualTo(30.0);
        assertThat(r.unit()).isEqualTo("centimeters");
        assertThat(r.si()).isEqualTo(0.3);
    }

    @Test
    void should_return_an_empty_plan_for_blank_input() {
        assertThat(planner.plan("   ").actions()).isEmpty();
        assertThat(planner.plan(null).actions()).isEmpty();
    }

    @Test
    void should_answer_unknown_input_with_a_bilingual_note_instead_of_failing() {
        Plan plan = planner.plan("qwerty uiop");
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.notes()).isNotEmpty();
        assertThat(String.join(" ", plan.notes())).contains("没听懂").contains("did not understand");
    }

    @Test
    void should_keep_the_understood_part_and_note_the_rest() {
        Plan plan = planner.plan("前进一米，然后跳个舞");
        assertThat(plan.actions()).containsExactly(new Action.Move(1.0));
        assertThat(plan.notes()).anyMatch(n -> n.contains("跳个舞"));
    }

    @Test
    void should_cancel_everything_after_stop_and_say_so() {
        Plan plan = planner.plan("stop, then turn left and go forward 2 meters");
        assertThat(plan.actions()).containsExactly(new Action.Stop());
        assertThat(plan.notes()).anyMatch(n -> n.contains("cancelled"));
    }

    @Test
    void should_use_the_configured_places_and_their_aliases() {
        PlaceCatalog places = PlaceCatalog.builder()
                .place("lab_bench", List.of("实验台", "bench"))
                .place("charging_station", List.of("充电站"))
                .build();
        OfflinePlanner custom = new OfflinePlanner(places);
        assertThat(custom.plan("去实验台").actions()).containsExactly(new Action.GoTo("lab_bench"));
        assertThat(custom.plan("go to the lab bench").actions()).containsExactly(new Action.GoTo("lab_bench"));
        assertThat(custom.plan("go to the bench").actions()).containsExactly(new Action.GoTo("lab_bench"));
        assertThat(custom.plan("去充电").actions()).containsExactly(new Action.GoTo("charging_station"));
        Plan unknown = custom.plan("去门口");
        assertThat(unknown.actions()).isEmpty();
        assertThat(unknown.notes()).anyMatch(n -> n.contains("门口") && n.contains("lab_bench"));
    }

    @Test
    void should_never_throw_on_odd_input() {
        for (String s : List.of("？？？", "1/0米", "前进-米", "turn π", "说", "say", "\"", "“", "。。。", "前进9999999999999999999米",
                "and and and", "turn left left left", "然后然后", "🙂", "a".repeat(5000), "1".repeat(999) + "米",
                "one ".repeat(249) + "meters", "前进一米，".repeat(199), "一".repeat(999) + "度")) {
            Plan plan = planner.plan(s);
            assertThat(plan).isNotNull();
            assertThat(plan.actions().isEmpty() ? plan.notes() : plan.actions()).isNotEmpty();
        }
    }

    @Test
    void should_refuse_input_longer_than_one_request_with_a_note() {
        Plan plan = planner.plan("前进一米".repeat(300));
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.notes().get(0)).contains("too long").contains("1200");
    }
}
