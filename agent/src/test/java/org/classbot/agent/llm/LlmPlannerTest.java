package org.classbot.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.Test;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.plan.Planner;

/** The LLM planner against a real HTTP peer speaking the OpenAI chat-completions format. */
class LlmPlannerTest {

    private static final PlanLimits LIMITS = PlanLimits.defaults(PlaceCatalog.defaults());

    private static Planner planner(String baseUrl, Duration timeout) {
        ChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).modelName("test-model").apiKey("not-needed")
                .timeout(timeout).temperature(0.0).maxRetries(0).build();
        return new LlmPlanner(model, new OfflinePlanner(LIMITS.places()), LIMITS);
    }

    @Test
    void should_plan_from_the_tool_calls_the_model_makes() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(OpenAiWireServer.toolCallsThenDone(
                "move", "{\"distance_m\":2.0}", "turn", "{\"angle_deg\":-90}"))) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("先前进两米，然后右转九十度");
            assertThat(plan.planner()).isEqualTo("llm");
            assertThat(plan.actions()).containsExactly(new Action.Move(2.0), new Action.Turn(-90));
            assertThat(plan.notes()).isEmpty();
        }
    }

    @Test
    void should_offer_every_action_of_the_vocabulary_as_a_tool_with_its_fields() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(OpenAiWireServer.toolCallsThenDone("stop", "{}"))) {
            planner(server.baseUrl(), Duration.ofSeconds(10)).plan("停");
            JsonNode first = server.requests.get(0);
            List<String> names = new ArrayList<>();
            first.get("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
            assertThat(names).containsExactlyInAnyOrder("move", "turn", "stop", "go_to", "speak", "answer",
                    "count_exercise", "describe_scene");
            JsonNode move = null;
            for (JsonNode t : first.get("tools")) {
                if (t.path("function").path("name").asText().equals("move")) {
                    move = t.path("function").path("parameters");
                }
            }
            assertThat(move.path("properties").has("distance_m")).isTrue();
            assertThat(move.path("properties").has("speed_mps")).isTrue();
            assertThat(move.path("required").toString()).contains("distance_m").doesNotContain("speed_mps");
            assertThat(first.get("messages").get(0).path("content").asText()).contains("door", "whiteboard", "charging_station");
        }
    }

    @Test
    void should_read_optional_arguments_and_every_action_kind() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(OpenAiWireServer.toolCallsThenDone(
                "move", "{\"distance_m\":-0.5,\"speed_mps\":0.2}", "go_to", "{\"place\":\"door\"}",
                "speak", "{\"text\":\"你好\"}", "count_exercise", "{\"exercise\":\"pushup\",\"target\":10}",
                "describe_scene", "{}", "answer", "{\"question\":\"实验室可以吃东西吗？\"}"))) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("anything");
            assertThat(plan.planner()).isEqualTo("llm");
            assertThat(PlanJson.of(plan)).isEqualTo("[{\"action\":\"move\",\"distance_m\":-0.5,\"speed_mps\":0.2},"
                    + "{\"action\":\"go_to\",\"place\":\"door\"},{\"action\":\"speak\",\"text\":\"你好\"},"
                    + "{\"action\":\"count_exercise\",\"exercise\":\"pushup\",\"target\":10},{\"action\":\"describe_scene\"},"
                    + "{\"action\":\"answer\",\"question\":\"实验室可以吃东西吗？\"}]");
        }
    }

    @Test
    void should_fall_back_to_the_offline_planner_when_no_server_answers() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Plan plan = planner("http://127.0.0.1:" + closedPort + "/v1", Duration.ofSeconds(5)).plan("先前进两米，然后右转九十度");
        assertThat(plan.planner()).isEqualTo("llm→offline");
        assertThat(plan.actions()).containsExactly(new Action.Move(2.0), new Action.Turn(-90));
        assertThat(plan.notes().get(0)).contains("the LLM failed").contains("offline");
    }

    @Test
    void should_fall_back_when_the_server_is_too_slow() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(req -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OpenAiWireServer.completion(null, "done");
        })) {
            Plan plan = planner(server.baseUrl(), Duration.ofMillis(500)).plan("turn left");
            assertThat(plan.planner()).isEqualTo("llm→offline");
            assertThat(plan.actions()).containsExactly(new Action.Turn(90));
        }
    }

    @Test
    void should_fall_back_when_the_reply_is_not_json() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(req -> "<html>502 bad gateway</html>")) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("go to the door");
            assertThat(plan.planner()).isEqualTo("llm→offline");
            assertThat(plan.actions()).containsExactly(new Action.GoTo("door"));
        }
    }

    @Test
    void should_fall_back_when_the_arguments_break_the_schema() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(OpenAiWireServer.toolCallsThenDone(
                "count_exercise", "{\"exercise\":\"jumping_jacks\"}"))) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("数10个俯卧撑");
            assertThat(plan.planner()).isEqualTo("llm→offline");
            assertThat(plan.notes().get(0)).contains("invalid actions").contains("situp, pushup or squat");
            assertThat(plan.actions()).containsExactly(new Action.CountExercise(Action.Exercise.PUSHUP, java.util.OptionalInt.of(10)));
        }
    }

    @Test
    void should_fall_back_when_the_model_calls_a_tool_that_does_not_exist() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(OpenAiWireServer.toolCallsThenDone("fly", "{\"height_m\":3}"))) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("stop");
            assertThat(plan.planner()).isEqualTo("llm→offline");
            assertThat(plan.notes().get(0)).contains("unknown tool 'fly'");
            assertThat(plan.actions()).containsExactly(new Action.Stop());
        }
    }

    @Test
    void should_fall_back_when_the_plan_breaks_the_safety_limits() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(OpenAiWireServer.toolCallsThenDone(
                "move", "{\"distance_m\":50}", "move", "{\"distance_m\":1,\"speed_mps\":3}", "go_to", "{\"place\":\"kitchen\"}"))) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("前进一米");
            assertThat(plan.planner()).isEqualTo("llm→offline");
            assertThat(plan.notes().get(0)).contains("distance 50 m exceeds the limit of 10 m")
                    .contains("speed 3 m/s exceeds the limit of 0.5 m/s").contains("unknown place 'kitchen'");
            assertThat(plan.actions()).containsExactly(new Action.Move(1.0));
        }
    }

    @Test
    void should_fall_back_when_the_model_only_talks() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(req -> OpenAiWireServer.completion(null, "Sure! I will move."))) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("后退半米");
            assertThat(plan.planner()).isEqualTo("llm→offline");
            assertThat(plan.notes().get(0)).contains("called no action");
            assertThat(plan.actions()).containsExactly(new Action.Move(-0.5));
        }
    }

    @Test
    void should_drop_what_the_model_adds_after_stop() throws IOException {
        try (OpenAiWireServer server = new OpenAiWireServer(OpenAiWireServer.toolCallsThenDone(
                "stop", "{}", "move", "{\"distance_m\":1}"))) {
            Plan plan = planner(server.baseUrl(), Duration.ofSeconds(10)).plan("stop then go");
            assertThat(plan.actions()).containsExactly(new Action.Stop());
        }
    }

    /** The JSON of a plan's actions, compact. */
    static final class PlanJson {
        static String of(Plan p) {
            try {
                return OpenAiWireServer.MAPPER.writeValueAsString(p.actions());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
