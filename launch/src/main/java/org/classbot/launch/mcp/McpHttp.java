package org.classbot.launch.mcp;

import java.util.EnumSet;
import java.util.Optional;

import jakarta.servlet.DispatcherType;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import org.classbot.bridge.map.RoomMap;
import org.classbot.launch.config.McpSettings;

/**
 * Streamable HTTP at {@code /mcp} (the SDK's servlet transport on the Jetty that ships with the dashboard), with
 * {@link McpGuard} in front of it, then {@link CancelFilter} (a client's cancel stops the robot). 127.0.0.1 by default
 * ({@code mcp.host}); beyond loopback a bearer token.
 */
final class McpHttp implements AutoCloseable {

    static final String PATH = "/mcp";

    private final Server jetty;
    private final McpSyncServer server;
    private final McpGuard guard;
    private final int port;

    private McpHttp(Server jetty, McpSyncServer server, McpGuard guard, int port) {
        this.jetty = jetty;
        this.server = server;
        this.guard = guard;
        this.port = port;
    }

    static McpHttp start(McpEngine engine, RoomMap map, McpSettings settings, String host, int port, McpGuard guard) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper()).mcpEndpoint(PATH).maxRequestSize(settings.maxMessageBytes()).build();
        McpSyncServer server = McpServers.configure(McpServer.sync(transport), engine, map, settings);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(guard);
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder cancel = new FilterHolder(new CancelFilter(engine::stop, settings.maxMessageBytes()));
        cancel.setAsyncSupported(true);
        context.addFilter(cancel, PATH, EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, PATH);
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            jetty.stop();
            throw e;
        }
        return new McpHttp(jetty, server, guard, connector.getLocalPort());
    }

    int port() {
        return port;
    }

    Optional<String> generatedToken() {
        return guard.generatedToken();
    }

    void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        try {
            server.closeGracefully();
        } finally {
            jetty.stop();
        }
    }
}
