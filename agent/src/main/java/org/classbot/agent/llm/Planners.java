package org.classbot.agent.llm;

import java.util.Optional;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import org.classbot.agent.plan.OfflinePlanner;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.agent.plan.Planner;

/** Picks the planner the configuration asks for: the offline one, or an LLM one that falls back to it. */
public final class Planners {

    private Planners() {
    }

    public static Planner create(LlmEndpoint endpoint, PlanLimits limits) {
        OfflinePlanner offline = new OfflinePlanner(limits.places());
        return chatModel(endpoint).<Planner>map(m -> new LlmPlanner(m, offline, limits)).orElse(offline);
    }

    /** The LangChain4j chat model for the endpoint (nothing is contacted until the first plan). */
    public static Optional<ChatModel> chatModel(LlmEndpoint e) {
        if (!e.enabled()) {
            return Optional.empty();
        }
        if (e.provider().equals("ollama")) {
            return Optional.of(OllamaChatModel.builder().baseUrl(e.baseUrl()).modelName(e.model())
                    .timeout(e.timeout()).temperature(0.0).maxRetries(0).build());
        }
        return Optional.of(OpenAiChatModel.builder().baseUrl(e.baseUrl()).modelName(e.model())
                .apiKey(e.apiKey().isBlank() ? "not-needed" : e.apiKey())
                .timeout(e.timeout()).temperature(0.0).maxRetries(0).build());
    }
}
