package org.classbot.launch.mcp;

import java.util.Map;
import java.util.Optional;

import org.classbot.agent.plan.Planner;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.Vision;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.UserError;
import org.classbot.launch.kb.KnowledgeSession;

/**
 * The MCP server on streamable HTTP for a caller that already holds the parts ({@code classbot run --mcp PORT}): the
 * same robot, executor, knowledge base and camera as the console and the dashboard, so the dashboard shows what an
 * assistant does. Listens on {@code mcp.host} with {@link McpGuard}'s rules.
 */
public final class McpEndpoint implements AutoCloseable {

    private final McpHttp http;
    private final String url;
    private final McpEngine engine;

    private McpEndpoint(McpHttp http, String url, McpEngine engine) {
        this.http = http;
        this.url = url;
        this.engine = engine;
    }

    /** Lets the dashboard and the console hear each plan the assistant executes. */
    public void watch(org.classbot.agent.dialogue.DialogueListener l) {
        engine.watch(l);
    }

    /** Starts {@code /mcp} on {@code mcp.host}:{@code port} (0 = any free port); a port in use is a one-line {@link UserError}. */
    public static McpEndpoint startHttp(ClassbotApp app, SafetyGovernor robot, Planner planner, PlanExecutor executor,
                                        KnowledgeSession knowledge, Vision vision, String cameraSource, int port,
                                        Map<String, String> env) {
        var settings = app.settings().mcp();
        McpEngine engine = new McpEngine(robot, planner, app.validator(), app.confirmation(), executor, knowledge, vision,
                cameraSource != null && !cameraSource.isBlank());
        engine.cameraSource(cameraSource);
        String host = settings.host();
        try {
            McpHttp http = McpHttp.start(engine, app.map(), settings, host, port, McpGuard.forHost(host, env));
            return new McpEndpoint(http, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.port() + McpHttp.PATH, engine);
        } catch (Exception e) {
            throw new UserError("cannot start MCP on " + host + ":" + port + " (" + e.getMessage() + "); choose another --mcp PORT / MCP 端口不可用", e);
        }
    }

    public String url() {
        return url;
    }

    public int port() {
        return http.port();
    }

    /** The bearer token clients need, when it was generated (mcp.host beyond loopback without CLASSBOT_WEB_TOKEN). */
    public Optional<String> generatedToken() {
        return http.generatedToken();
    }

    @Override
    public void close() throws Exception {
        http.close();
    }
}
