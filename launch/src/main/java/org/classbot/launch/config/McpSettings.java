package org.classbot.launch.config;

import org.classbot.launch.app.UserError;

/**
 * {@code mcp.*}: where {@code classbot mcp --http} listens, whether e-stop reset is a tool, the message size limit, and
 * whether a big move without {@code confirm:true} asks the person through MCP elicitation.
 */
public record McpSettings(String host, boolean allowReset, int maxMessageBytes, boolean elicitConfirm) {

    public McpSettings {
        if (host == null || host.isBlank()) {
            throw new UserError("mcp.host must be a host name or address, e.g. 127.0.0.1 / mcp.host 不能为空");
        }
        if (maxMessageBytes < 1024 || maxMessageBytes > 64 * 1024 * 1024) {
            throw new UserError("mcp.max_message_bytes must be 1024..67108864, got " + maxMessageBytes
                    + " / mcp.max_message_bytes 超出范围");
        }
        host = host.strip();
    }

    static McpSettings from(ClassbotConfig c) {
        return new McpSettings(c.string("mcp.host"), c.bool("mcp.allow_reset"), c.integer("mcp.max_message_bytes"),
                c.bool("mcp.elicit_confirm"));
    }
}
