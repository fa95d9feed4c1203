package org.classbot.launch.mcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import org.classbot.bridge.map.RoomMap;

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
    static McpSyncServer stdio(McpEngine engine, RoomMap map, boolean allowReset, int maxMessageBytes, InputStream in, OutputStream out) {
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out, maxMessageBytes);
        return configure(McpServer.sync(transport), engine, map, allowReset);
    }

    static McpSyncServer configure(McpServer.SyncSpecification<?> spec, McpEngine engine, RoomMap map, boolean allowReset) {
        return spec.serverInfo(new McpSchema.Implementation(NAME, "ClassBot", version()))
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).logging().build())
                .validateToolInputs(true)
                .requestTimeout(Duration.ofMinutes(10))
                .tools(McpTools.specifications(McpTools.all(engine, allowReset)))
                .resources(McpResources.all(engine, map))
                .build();
    }

    static List<McpTools.Def> tools(McpEngine engine, boolean allowReset) {
        return McpTools.all(engine, allowReset);
    }

    private static String version() {
        String v = McpServers.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
