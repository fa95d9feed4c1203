package org.classbot.launch.config;

import java.util.Map;

/**
 * The whole configuration, parsed once into typed sections. Built by {@link #from}; every value comes
 * from {@code classbot-defaults.yaml} ← the user's file ← {@code CLASSBOT_*} env vars (flags are applied by
 * the commands). A bad value is a one-line {@code UserError} naming the key.
 */
public record Settings(KnowledgeSettings knowledge, RobotSettings robot, PerceptionSettings perception,
                       LlmSettings llm, AgentSettings agent, WebSettings web, ClassbotConfig config,
                       McpSettings mcp, VoiceSettings voice) {

    public static Settings from(ClassbotConfig c, Map<String, String> env) {
        return new Settings(KnowledgeSettings.from(c), RobotSettings.from(c), PerceptionSettings.from(c, env),
                LlmSettings.from(c, env), AgentSettings.from(c), WebSettings.from(c), c,
                McpSettings.from(c), VoiceSettings.from(c));
    }
}
