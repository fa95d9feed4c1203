package org.classbot.bridge.ros1;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.ServerStreamConnection;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.server.XmlRpcNoSuchHandlerException;
import org.apache.xmlrpc.server.XmlRpcStreamServer;

/**
 * An XML-RPC endpoint: the JDK's HTTP server (keep-alive, daemon threads) carries the requests and
 * Apache XML-RPC parses and writes the XML. ROS calls methods by bare name ({@code requestTopic}),
 * so one dispatcher receives every method rather than Apache's "handler.method" mapping.
 */
final class XmlRpcHttpServer implements AutoCloseable {

    /** Handles one call; throws to send an XML-RPC fault. */
    @FunctionalInterface
    interface Dispatcher {
        Object call(String method, Object[] params) throws Exception;
    }

    private final HttpServer http;
    private final ExecutorService pool;
    private final XmlRpcStreamServer rpc;

    XmlRpcHttpServer(InetAddress bind, String threadName, Dispatcher dispatcher) throws IOException {
        rpc = new XmlRpcStreamServer() {
        };
        rpc.setHandlerMapping(name -> new XmlRpcHandler() {
            @Override
            public Object execute(XmlRpcRequest request) throws XmlRpcException {
                Object[] params = new Object[request.getParameterCount()];
                for (int i = 0; i < params.length; i++) {
                    params[i] = request.getParameter(i);
                }
                try {
                    return dispatcher.call(request.getMethodName(), params);
                } catch (XmlRpcException e) {
                    throw e;
                } catch (Exception e) {
                    throw new XmlRpcException(String.valueOf(e.getMessage()), e);
                }
            }
        });
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http = HttpServer.create(new InetSocketAddress(bind, 0), 16);
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XmlRpcHttpRequestConfigImpl cfg = new XmlRpcHttpRequestConfigImpl();
            cfg.setEncoding("UTF-8");
            try {
                rpc.execute(cfg, new ServerStreamConnection() {
                    @Override
                    public InputStream newInputStream() {
                        return new ByteArrayInputStream(body);
                    }

                    @Override
                    public OutputStream newOutputStream() {
                        return out;
                    }

                    @Override
                    public void close() {
                    }
                });
            } catch (XmlRpcException e) {
                ex.sendResponseHeaders(500, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, out.size());
            ex.getResponseBody().write(out.toByteArray());
        }
    }

    static XmlRpcNoSuchHandlerException unknown(String method) {
        return new XmlRpcNoSuchHandlerException("no such method: " + method);
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
