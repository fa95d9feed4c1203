package org.classbot.bridge.ros1;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.classbot.bridge.ConnectionSpec;

/**
 * Where a ClassBot ROS 1 node lives and whom it talks to.
 *
 * @param name          the node's graph name, e.g. {@code /classbot_classbot1_4711}
 * @param masterUri     the ROS master's XML-RPC URI
 * @param advertiseHost the host other nodes are told to call back (slave API, TCPROS)
 * @param bindAddress   the local address both servers listen on
 * @param masterPoll    how often the master is checked (restart → re-register)
 */
record NodeConfig(String name, URI masterUri, String advertiseHost, InetAddress bindAddress, Duration masterPoll) {

    static final URI DEFAULT_MASTER = URI.create("http://127.0.0.1:11311");

    NodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(masterUri, "masterUri");
        Objects.requireNonNull(advertiseHost, "advertiseHost");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(masterPoll, "masterPoll");
        if (!name.matches("/[A-Za-z][A-Za-z0-9_/]*")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid ROS node name (/letters_digits_underscores)");
        }
    }

    /**
     * Resolves the node's set-up as ROS tools do: the master from the spec ({@code --ros-master}) or
     * ROS_MASTER_URI; the host from the {@code ros.host} option, ROS_IP or ROS_HOSTNAME, else
     * 127.0.0.1, and the servers bind to that address (loopback unless the user names another one).
     * Options: {@code ros.node_name}, {@code ros.host}, {@code ros.bind}, {@code ros.master_poll_ms}.
     */
    static NodeConfig from(ConnectionSpec spec, Map<String, String> env, String defaultName) {
        URI master = spec.endpoint().orElseGet(() -> {
            String e = env.get("ROS_MASTER_URI");
            return e == null || e.isBlank() ? DEFAULT_MASTER : URI.create(e.trim());
        });
        if (!"http".equalsIgnoreCase(master.getScheme()) || master.getHost() == null || master.getPort() < 0) {
            throw new IllegalArgumentException("ROS master URI '" + master + "' must look like http://HOST:PORT"
                    + " (set --ros-master or ROS_MASTER_URI)");
        }
        String host = spec.option("ros.host").orElseGet(() -> firstSet(env.get("ROS_IP"), env.get("ROS_HOSTNAME"), "127.0.0.1"));
        String bind = spec.option("ros.bind").orElse(host);
        InetAddress bindAddress;
        try {
            bindAddress = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the ROS host '" + bind
                    + "' (ROS_IP / ROS_HOSTNAME / ros.bind); use an address of this machine", e);
        }
        String name = spec.option("ros.node_name").orElse(defaultName);
        if (!name.startsWith("/")) {
            name = "/" + name;
        }
        long pollMs = spec.millis("ros.master_poll_ms", 1000, 0, false);
        if (pollMs < 10) {
            throw new IllegalArgumentException("ros.master_poll_ms must be at least 10, got " + pollMs);
        }
        return new NodeConfig(name, master, host, bindAddress, Duration.ofMillis(pollMs));
    }


    /** A graph-name-safe form of a robot id: letters, digits and underscores. */
    static String sanitize(String s) {
        String out = s.replaceAll("[^A-Za-z0-9_]", "_");
        return out.isEmpty() || !Character.isLetter(out.charAt(0)) ? "r" + out : out;
    }

    /** Topic names resolve in the root namespace: {@code cmd_vel} → {@code /cmd_vel}. */
    static String topic(String name) {
        String t = name.trim();
        if (t.isEmpty() || !t.matches("/?[A-Za-z~][A-Za-z0-9_/]*")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid ROS topic name");
        }
        return t.startsWith("/") ? t : "/" + t;
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        throw new IllegalStateException("no default");
    }
}
