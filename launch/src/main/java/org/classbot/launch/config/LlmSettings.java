package org.classbot.launch.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.classbot.launch.app.UserError;

/**
 * {@code llm.*}: the one description of the LLM both the planner and the answerer use (built into a
 * LangChain4j {@code ChatModel} by {@code launch.llm.ChatModelFactory}). The API key is read once, from env
 * {@value #API_KEY_ENV} only.
 */
public record LlmSettings(String provider, String baseUrl, String model, String apiKey, Duration timeout) {

    public static final String API_KEY_ENV = "CLASSBOT_LLM_API_KEY";

    public LlmSettings {
        provider = provider == null || provider.isBlank() ? "none" : provider.strip().toLowerCase(Locale.ROOT);
        if (!provider.equals("none") && !provider.equals("ollama") && !provider.equals("openai")) {
            throw new UserError("llm.provider must be none, ollama or openai, got '" + provider + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new UserError("llm.timeout_s must be a positive number of seconds, got " + (timeout == null ? "nothing" : timeout.toMillis() / 1000.0));
        }
        apiKey = apiKey == null ? "" : apiKey;
        if (!provider.equals("none") && (baseUrl == null || baseUrl.isBlank() || model == null || model.isBlank())) {
            throw new UserError("llm.base_url and llm.model are needed when llm.provider is " + provider + " (set them in classbot.yaml)");
        }
    }

    public boolean enabled() {
        return !provider.equals("none");
    }

    /** No LLM: the offline planner and the extractive answerer. */
    public static LlmSettings none() {
        return new LlmSettings("none", "", "", "", Duration.ofSeconds(60));
    }

    static LlmSettings from(ClassbotConfig c, Map<String, String> env) {
        return new LlmSettings(c.string("llm.provider"), c.string("llm.base_url"), c.string("llm.model"),
                env.getOrDefault(API_KEY_ENV, ""), Duration.ofMillis(Math.round(c.decimal("llm.timeout_s") * 1000)));
    }
}
