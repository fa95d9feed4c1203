package org.classbot.knowledge.answer;

import java.util.Optional;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** Builds the LangChain4j chat model that {@link LlmSettings} describe (nothing is contacted until a question). */
public final class ChatModels {
    private ChatModels() {
    }

    public static Optional<ChatModel> create(LlmSettings s) {
        if (!s.enabled()) {
            return Optional.empty();
        }
        if (s.baseUrl() == null || s.baseUrl().isBlank() || s.model() == null || s.model().isBlank()) {
            throw new IllegalArgumentException("llm.base_url and llm.model are required when llm.provider is " + s.provider());
        }
        if (s.provider().equals("ollama")) {
            return Optional.of(OllamaChatModel.builder().baseUrl(s.baseUrl()).modelName(s.model())
                    .timeout(s.timeout()).temperature(0.1).build());
        }
        return Optional.of(OpenAiChatModel.builder().baseUrl(s.baseUrl()).modelName(s.model())
                .apiKey(s.apiKey() == null || s.apiKey().isBlank() ? "not-needed" : s.apiKey())
                .timeout(s.timeout()).temperature(0.1).maxRetries(0).build());
    }
}
