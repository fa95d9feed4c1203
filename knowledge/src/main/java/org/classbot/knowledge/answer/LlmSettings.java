package org.classbot.knowledge.answer;

import java.time.Duration;
import java.util.Locale;

/**
 * Where an LLM lives ({@code llm.*} in the configuration). {@code provider}: none, ollama, or openai (any
 * OpenAI-compatible server: llama.cpp, vLLM, …). The API key comes from the environment, never a file.
 */
public record LlmSettings(String provider, String baseUrl, String model, String apiKey, Duration timeout) {
    public LlmSettings {
        provider = provider == null ? "none" : provider.strip().toLowerCase(Locale.ROOT);
        if (!provider.equals("none") && !provider.equals("ollama") && !provider.equals("openai")) {
            throw new IllegalArgumentException("llm.provider must be none, ollama or openai, got '" + provider + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            timeout = Duration.ofSeconds(60);
        }
    }

    public boolean enabled() {
        return !provider.equals("none");
    }
}
