package org.classbot.launch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.offline.OfflinePlanner;
import org.classbot.agent.plan.Plan;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.config.LlmSettings;
import org.classbot.launch.llm.ChatModelFactory;
import org.classbot.launch.llm.ChatModelFactory.Purpose;

class ClassbotAppTest {

    @TempDir
    Path dir;

    private ClassbotApp app(String yaml, Map<String, String> env) throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), yaml);
        return ClassbotApp.of(ClassbotConfig.load(f, env), env);
    }

    @Test
    void should_plan_offline_without_an_llm() throws Exception {
        ClassbotApp app = app("agent:\n  planner: auto\n", Map.of());
        assertThat(app.planner(null)).isInstanceOf(OfflinePlanner.class);
        assertThat(app.chatModel(Purpose.PLANNING)).isEmpty();
        assertThatThrownBy(() -> app.planner("llm")).isInstanceOf(UserError.class).hasMessageContaining("llm.provider");
        assertThatThrownBy(() -> app.planner("gpt")).isInstanceOf(UserError.class).hasMessageContaining("auto, offline or llm");
    }

    @Test
    void should_fall_back_to_offline_when_the_configured_llm_is_not_there() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        ClassbotApp app = app("llm:\n  provider: openai\n  base_url: http://127.0.0.1:" + port + "/v1\n  model: m\n  timeout_s: 2\n",
                Map.of("CLASSBOT_LLM_API_KEY", "sk-test"));
        assertThat(app.settings().llm().apiKey()).isEqualTo("sk-test");
        Plan plan = app.planner(null).plan("前进一米");
        assertThat(plan.planner()).isEqualTo("llm→offline");
        assertThat(plan.actions()).containsExactly(new Action.Move(1.0));
    }

    @Test
    void should_validate_the_llm_settings_once() {
        assertThatThrownBy(() -> new LlmSettings("gpt", "", "", null, Duration.ofSeconds(1)))
                .isInstanceOf(UserError.class).hasMessageContaining("none, ollama or openai");
        assertThatThrownBy(() -> new LlmSettings("openai", "", "", null, Duration.ofSeconds(1)))
                .isInstanceOf(UserError.class).hasMessageContaining("llm.base_url");
        assertThatThrownBy(() -> new LlmSettings("ollama", "http://127.0.0.1:11434", "q", null, Duration.ZERO))
                .isInstanceOf(UserError.class).hasMessageContaining("llm.timeout_s");
        assertThat(ChatModelFactory.create(LlmSettings.none(), Purpose.ANSWERING)).isEmpty();
        assertThat(ChatModelFactory.create(new LlmSettings("ollama", "http://127.0.0.1:11434", "qwen2.5", null, Duration.ofSeconds(5)),
                Purpose.ANSWERING)).isPresent();
        assertThat(ChatModelFactory.create(new LlmSettings("openai", "http://127.0.0.1:8000/v1", "m", null, Duration.ofSeconds(5)),
                Purpose.PLANNING)).isPresent();
    }

    @Test
    void should_build_plan_limits_from_agent_and_robot_settings() throws Exception {
        ClassbotApp app = app("agent:\n  limits:\n    max_distance_m: 4\nrobot:\n  safety:\n    max_linear_mps: 0.3\n", Map.of());
        assertThat(app.planLimits().maxDistanceM()).isEqualTo(4.0);
        assertThat(app.planLimits().maxSpeedMps()).isEqualTo(0.3);
        assertThat(app.validator().violations(java.util.List.of(new Action.Move(5.0)))).isNotEmpty();
    }
}
