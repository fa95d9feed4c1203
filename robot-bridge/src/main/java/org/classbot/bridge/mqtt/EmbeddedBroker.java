package org.classbot.bridge.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.classbot.bridge.RobotBridgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Moquette broker for "nothing installed" set-ups: loopback only, in memory, no
 * telemetry, no websocket. The first ClassBot process that needs a broker on the port starts it;
 * later ones (agent or {@code classbot sim}) find it listening and use it.
 */
final class EmbeddedBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    static final String HOST = "127.0.0.1";

    private static Server server;
    private static int serverPort;

    private EmbeddedBroker() {
    }

    /** A broker URL on loopback at {@code port}: an existing one, or the embedded broker started now. */
    static synchronized URI ensure(int port) {
        URI uri = URI.create("tcp://" + HOST + ":" + port);
        if (server != null && serverPort == port) {
            return uri;
        }
        if (listening(port)) {
            log.info("using the MQTT broker already listening on {}", uri);
            return uri;
        }
        Properties p = new Properties();
        p.setProperty("host", HOST);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("immediate_buffer_flush", "true");
        p.setProperty("netty.tcp_nodelay", "true");
        Server s = new Server();
        try {
            s.startServer(new MemoryConfig(p));
        } catch (IOException | RuntimeException e) {
            throw new RobotBridgeException("cannot start the embedded MQTT broker on " + uri + ": " + e.getMessage()
                    + " (is the port taken? pass --mqtt-url to use another broker)", e);
        }
        // Moquette binds asynchronously: wait until it accepts connections
        long end = System.currentTimeMillis() + 5000;
        while (!listening(port)) {
            if (System.currentTimeMillis() > end) {
                s.stopServer();
                throw new RobotBridgeException("the embedded MQTT broker did not come up on " + uri);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RobotBridgeException("interrupted while starting the embedded MQTT broker", e);
            }
        }
        server = s;
        serverPort = port;
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedBroker::stop, "moquette-stop"));
        log.info("embedded MQTT broker (Moquette) listening on {}", uri);
        return uri;
    }

    static synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
