package org.classbot.agent.llm;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the planning LLM lives ({@code llm.*} in the configuration).
 *
 * @param provider {@code none}, {@code ollama} or {@code openai} (any OpenAI-compatible server: llama.cpp, vLLM, ...)
 * @param baseUrl  e.g. {@code http://127.0.0.1:11434} (Ollama) or {@code http://127.0.0.1:8000/v1} (OpenAI-compatible)
 * @param model    the model name the server knows
 * @param apiKey   from the environment only ({@code CLASSBOT_LLM_API_KEY}); may be empty
 * @param timeout  per request; a slower answer counts as a failure and the offline planner answers
 */
public record LlmEndpoint(String provider, String baseUrl, String model, String apiKey, Duration timeout) {

    public LlmEndpoint {
        provider = provider == null || provider.isBlank() ? "none" : provider.strip().toLowerCase(Locale.ROOT);
        if (!provider.equals("none") && !provider.equals("ollama") && !provider.equals("openai")) {
            throw new IllegalArgumentException("llm.provider must be none, ollama or openai, got '" + provider + "'");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("llm.timeout_s must be positive, got " + timeout.toSeconds());
        }
        apiKey = apiKey == null ? "" : apiKey;
        if (!provider.equals("none") && (baseUrl == null || baseUrl.isBlank() || model == null || model.isBlank())) {
            throw new IllegalArgumentException("llm.base_url and llm.model are needed when llm.provider is " + provider);
        }
    }

    public static LlmEndpoint none() {
        return new LlmEndpoint("none", "", "", "", Duration.ofSeconds(60));
    }

    public boolean enabled() {
        return !provider.equals("none");
    }
}
