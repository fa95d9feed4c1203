package org.classbot.launch.mcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import org.classbot.bridge.map.RoomMap;
import org.classbot.launch.config.McpSettings;

/** Builds the ClassBot MCP server (official Java SDK) on a transport: the tools of {@link McpTools}, the resources of {@link McpResources}. */
final class McpServers {

    static final String NAME = "classbot";

    static final String INSTRUCTIONS = "ClassBot: a classroom robot and its knowledge base. Every motion goes through the plan "
            + "validator and the safety governor. Use plan first (a dry run), then execute the actions; big moves need "
            + "confirm:true after the person agreed; estop latches until a person resets it. Refusals say why and nothing moves. "
            + "/ 课堂机器人：先 plan 规划，再 execute 执行；大幅移动需要 confirm:true；急停需人工复位。";

    private McpServers() {
    }

    /** stdio: JSON-RPC lines on {@code in} / {@code out} only (logs go to stderr). */
    static McpSyncServer stdio(McpEngine engine, RoomMap map, McpSettings settings, InputStream in, OutputStream out) {
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out, settings.maxMessageBytes() + 16);
        return configure(McpServer.sync(transport), engine, map, settings);
    }

    static McpSyncServer configure(McpServer.SyncSpecification<?> spec, McpEngine engine, RoomMap map, McpSettings settings) {
        return spec.serverInfo(new McpSchema.Implementation(NAME, "ClassBot", version()))
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).logging().build())
                .validateToolInputs(true)
                .requestTimeout(Duration.ofMinutes(10))
                .tools(McpTools.specifications(McpTools.all(engine, settings.allowReset(), settings.elicitConfirm())))
                .resources(McpResources.withCamera(engine, map))
                .build();
    }

    private static String version() {
        String v = McpServers.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
