package org.classbot.launch.mcp;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.server.McpSyncServer;

import org.classbot.launch.app.AppOptions;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.Cli;
import org.classbot.launch.app.Json;
import org.classbot.launch.app.UserError;
import org.classbot.launch.config.McpSettings;
import org.classbot.launch.robot.ConnectionOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classbot mcp [--http PORT] [connection flags]}: ClassBot as a Model Context Protocol server (the official
 * Java SDK). stdio by default: stdout carries only JSON-RPC, every log and message goes to stderr; with
 * {@code --http PORT} streamable HTTP at {@code /mcp} on {@code mcp.host} (127.0.0.1). Runs until stdin closes
 * (stdio) or Ctrl-C (HTTP); the robot is stopped on the way out.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve ClassBot's robot and knowledge base to AI assistants over MCP (stdio, or --http PORT at /mcp). "
                + "MCP 服务：让 AI 助手安全地使用机器人和知识库。",
                "Every motion goes through the plan validator and the safety governor; big moves need confirm:true."})
public final class McpCommand implements Callable<Integer> {

    @Option(names = "--http", paramLabel = "PORT", description = "streamable HTTP at http://HOST:PORT/mcp instead of stdio (0 = any free port)")
    Integer httpPort;

    @Option(names = "--host", paramLabel = "HOST",
            description = "address for --http (default mcp.host, 127.0.0.1); beyond loopback clients need Authorization: Bearer $CLASSBOT_WEB_TOKEN")
    String host;

    @Option(names = "--list-tools", description = "print the tools (name, title, arguments) and exit; with --json their full definitions")
    boolean listTools;

    @Option(names = "--json", description = "with --list-tools: the tools as JSON ({\"tools\":[{name,title,description,inputSchema}]})")
    boolean json;

    @Option(names = "--index", paramLabel = "DIR", description = "knowledge index for ask / kb_search (default knowledge.index)")
    Path index;

    @Option(names = "--samples", paramLabel = "DIR", description = "documents to ingest when the index does not exist yet (default: the bundled samples)")
    Path samples;

    @Option(names = "--camera", paramLabel = "SOURCE", description = "camera for describe_scene and counting (default agent.camera.source)")
    String camera;

    @Option(names = "--planner", paramLabel = "auto|offline|llm", description = "which planner the plan tool uses (default agent.planner)")
    String plannerChoice;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    AppOptions appOptions;

    @Spec
    CommandSpec spec;

    /** For tests: the JSON-RPC streams (default: the process's stdin and stdout). */
    InputStream input = System.in;
    OutputStream output;

    @Override
    public Integer call() throws Exception {
        ClassbotApp app = appOptions.app();
        McpSettings settings = app.settings().mcp();
        if (listTools) {
            printTools(spec.commandLine().getOut(), McpTools.all(McpSession.catalogue(app), settings.allowReset(), settings.elicitConfirm()), json);
            return Cli.EXIT_OK;
        }
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw new UserError("--http must be a port 0..65535, got " + httpPort);
        }
        PrintStream err = System.err;
        if (httpPort == null) {
            return stdio(app, settings, err);
        }
        return http(app, settings, err);
    }

    private int stdio(ClassbotApp app, McpSettings settings, PrintStream err) throws InterruptedException {
        OutputStream rpcOut = output != null ? output : new FileOutputStream(FileDescriptor.out);
        PrintStream stdout = System.out;
        System.setOut(err); // nothing but JSON-RPC may reach stdout: stray prints go to stderr
        CountDownLatch eof = new CountDownLatch(1);
        StdioGate gate = new StdioGate(input, rpcOut, settings.maxMessageBytes(), eof::countDown);
        try (McpSession session = McpSession.open(app, connection, index, samples, camera, plannerChoice, err::println)) {
            McpSyncServer server = McpServers.stdio(session.engine(), app.map(), settings, gate.sdkInput(), gate.sdkOutput());
            gate.onCancel(() -> session.engine().stop());
            gate.start();
            Thread hook = new Thread(eof::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("ClassBot MCP server on stdio / MCP 服务已启动 (stdio) — robot: " + app.robots().profile(connection)
                    + " " + app.robots().spec(connection).robotId());
            eof.await();
            server.closeGracefully();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is going down: the session below still stops the robot
            }
        } finally {
            System.setOut(stdout);
        }
        return Cli.EXIT_OK;
    }

    private int http(ClassbotApp app, McpSettings settings, PrintStream err) throws Exception {
        String h = host != null ? host.strip() : settings.host();
        McpGuard guard = McpGuard.forHost(h, System.getenv());
        try (McpSession session = McpSession.open(app, connection, index, samples, camera, plannerChoice, err::println)) {
            McpHttp http;
            try {
                http = McpHttp.start(session.engine(), app.map(), settings, h, httpPort, guard);
            } catch (Exception e) {
                throw new UserError("cannot listen on " + h + ":" + httpPort + " (" + Cli.oneLine(String.valueOf(e.getMessage()))
                        + "); choose another --http PORT / 端口不可用");
            }
            try (McpHttp running = http) {
                String url = "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + running.port() + McpHttp.PATH;
                err.println("ClassBot MCP server at " + url + " / MCP 服务已启动");
                running.generatedToken().ifPresent(t -> err.println(
                        "beyond this computer clients must send / 需要令牌: Authorization: Bearer " + t
                                + " (set CLASSBOT_WEB_TOKEN to choose it)"));
                CountDownLatch stop = new CountDownLatch(1);
                CountDownLatch closed = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.countDown();
                    try {
                        closed.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                try {
                    stop.await();
                } finally {
                    closed.countDown();
                }
            }
        }
        return Cli.EXIT_OK;
    }

    static void printTools(PrintWriter out, List<McpTools.Def> tools, boolean json) {
        if (json) {
            List<Object> list = tools.stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", d.tool().name());
                m.put("title", d.tool().title());
                m.put("description", d.tool().description());
                m.put("inputSchema", d.tool().inputSchema());
                return (Object) m;
            }).toList();
            Json.println(out, Map.of("tools", list));
            return;
        }
        for (McpTools.Def d : tools) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) d.tool().inputSchema().getOrDefault("properties", Map.of());
            @SuppressWarnings("unchecked")
            List<String> required = (List<String>) d.tool().inputSchema().getOrDefault("required", List.of());
            StringBuilder args = new StringBuilder();
            for (String p : props.keySet()) {
                args.append(args.length() == 0 ? "" : ", ").append(p).append(required.contains(p) ? "" : "?");
            }
            out.printf("%-15s %s {%s}%n", d.tool().name(), d.tool().title(), args);
        }
        out.flush();
    }
}
