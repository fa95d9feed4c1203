package org.classbot.bridge.mqtt;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian {@code mosquitto}) on a free loopback port with a password file
 * and persistence, started and stopped by the MQTT tests and the benchmark. Restarting keeps the
 * port, the users and the saved sessions, as a broker restart in a classroom would.
 */
final class MosquittoProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    private final Path dir;
    private final int port;
    private int tlsPort = -1;
    private Process process;

    private MosquittoProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(BINARY) && Files.isExecutable(PASSWD);
    }

    /** Starts a broker that accepts only {@code user}/{@code password}. */
    static MosquittoProcess start(String user, String password) throws IOException, InterruptedException {
        return start(user, password, null);
    }

    /** PEM files for a TLS listener: the CA that signed the server certificate, and the server's pair. */
    record Tls(Path caFile, Path certFile, Path keyFile) {
    }

    /** As {@link #start(String, String)}, plus a TLS listener on a second port when {@code tls} is given. */
    static MosquittoProcess start(String user, String password, Tls tls) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("classbot-mosquitto");
        MosquittoProcess m = new MosquittoProcess(dir, freePort());
        m.tlsPort = tls == null ? -1 : freePort();
        Path pw = dir.resolve("passwd");
        Process p = new ProcessBuilder(PASSWD.toString(), "-b", "-c", pw.toString(), user, password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("mosquitto_passwd failed: " + out);
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", List.of(
                "listener " + m.port + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + pw,
                "persistence true",
                "persistence_location " + dir + "/",
                // the broker runs as whoever started it (it only switches user when started as root)
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.resolve("mosquitto.log"),
                "max_queued_messages 100000",
                "")));
        if (tls != null) {
            Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", List.of(
                    "listener " + m.tlsPort + " 127.0.0.1",
                    "cafile " + tls.caFile(),
                    "certfile " + tls.certFile(),
                    "keyfile " + tls.keyFile(),
                    "")), java.nio.file.StandardOpenOption.APPEND);
        }
        m.startProcess();
        return m;
    }

    URI url() {
        return URI.create("tcp://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** The TLS listener, when started with one. */
    URI tlsUrl() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return URI.create("ssl://127.0.0.1:" + tlsPort);
    }

    /** SIGTERM (mosquitto saves its sessions) or SIGKILL. */
    void stop(boolean hard) throws InterruptedException {
        if (process != null && process.isAlive()) {
            if (hard) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            process.waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** Starts the broker again on its port after {@link #stop}. */
    void startAgain() throws IOException, InterruptedException {
        startProcess();
    }

    void restart() throws IOException, InterruptedException {
        stop(false);
        startProcess();
    }

    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long end = System.currentTimeMillis() + 10_000;
        while (!EmbeddedBroker.listening(port) || (tlsPort > 0 && !EmbeddedBroker.listening(tlsPort))) {
            if (!process.isAlive() || System.currentTimeMillis() > end) {
                throw new IOException("mosquitto did not start on port " + port + ": " + log()
                        + Files.readString(dir.resolve("stdout.log")));
            }
            Thread.sleep(20);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stop(false);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

}
