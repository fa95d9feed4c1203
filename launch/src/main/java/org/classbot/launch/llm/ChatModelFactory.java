package org.classbot.launch.llm;

import java.util.Optional;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import org.classbot.launch.config.LlmSettings;

/**
 * The one place a LangChain4j provider is chosen: {@code knowledge} and {@code agent} see only
 * {@link ChatModel}. Nothing is contacted until the first request; no retries (a slow or absent server
 * falls back to the offline planner / extractive answer at once).
 */
public final class ChatModelFactory {

    /** What the model is for: planning wants the same plan every time, answers may vary a little. */
    public enum Purpose {
        PLANNING(0.0), ANSWERING(0.1);

        final double temperature;

        Purpose(double temperature) {
            this.temperature = temperature;
        }
    }

    private ChatModelFactory() {
    }

    /** The chat model of {@code llm.*}, or empty when {@code llm.provider} is none. */
    public static Optional<ChatModel> create(LlmSettings s, Purpose purpose) {
        if (!s.enabled()) {
            return Optional.empty();
        }
        if (s.provider().equals("ollama")) {
            return Optional.of(OllamaChatModel.builder().baseUrl(s.baseUrl()).modelName(s.model())
                    .timeout(s.timeout()).temperature(purpose.temperature).maxRetries(0).build());
        }
        return Optional.of(OpenAiChatModel.builder().baseUrl(s.baseUrl()).modelName(s.model())
                .apiKey(s.apiKey().isBlank() ? "not-needed" : s.apiKey())
                .timeout(s.timeout()).temperature(purpose.temperature).maxRetries(0).build());
    }
}
