package org.classbot.bridge.ros1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assumptions;

/**
 * Real ROS 1 peers for tests: a {@code rosmaster --core} on a free loopback port and ROS tools
 * ({@code rostopic}, rospy fixtures) run with /usr/bin/python3 against it. Everything started here
 * is killed by {@link #close()}, descendants included, even when a test fails.
 */
final class RosPeers implements AutoCloseable {

    static final Path ROSMASTER = Paths.get("/usr/bin/rosmaster");
    static final Path PYTHON = Paths.get("/usr/bin/python3");
    static final Path ROSTOPIC = Paths.get("/usr/bin/rostopic");

    /** Every instance not yet closed: a JVM that exits early (killed fork, Error) still kills its peers. */
    private static final java.util.Set<RosPeers> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(RosPeers::close), "ros-peers-cleanup"));
    }

    private final int port;
    private final Path home;
    private final List<Peer> peers = new ArrayList<>();
    private final List<Process> raw = new ArrayList<>();
    private Process master;

    private RosPeers(int port, Path home) {
        this.port = port;
        this.home = home;
    }

    /** Skips the calling test with a clear message when ROS 1 is not installed. */
    static void assumeRosInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(ROSMASTER) && Files.isExecutable(ROSTOPIC) && Files.isExecutable(PYTHON),
                "ROS 1 not installed (/usr/bin/rosmaster, rostopic, python3): apt-get install ros-core python3-rospy "
                        + "python3-rostopic python3-geometry-msgs python3-nav-msgs python3-std-msgs");
    }

    /** Starts a master on a free port and waits until it answers. */
    static RosPeers start() throws IOException {
        assumeRosInstalled();
        RosPeers p = new RosPeers(freePort(), Files.createTempDirectory("classbot-ros-home"));
        LIVE.add(p);
        try {
            p.startMaster();
        } catch (Throwable e) {
            p.close();
            throw e;
        }
        return p;
    }

    URI masterUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Kills the master (as a crash would) and starts a fresh one on the same port. */
    void restartMaster() throws IOException {
        killMaster();
        startMaster();
    }

    void killMaster() {
        if (master != null) {
            kill(master);
            master = null;
        }
    }

    void startMaster() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(ROSMASTER.toString(), "--core", "-p", String.valueOf(port), "-w", "4");
        pb.environment().putAll(env());
        pb.redirectErrorStream(true);
        pb.redirectOutput(home.resolve("rosmaster-" + System.nanoTime() + ".log").toFile());
        master = pb.start();
        RosRpc rpc = new RosRpc(Duration.ofSeconds(1));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                rpc.call(masterUri(), "getPid", "/classbot_test");
                return;
            } catch (IOException e) {
                if (!master.isAlive() || System.nanoTime() > end) {
                    throw new IOException("rosmaster on port " + port + " did not come up: " + e.getMessage());
                }
                sleep(50);
            }
        }
    }

    /** The environment ROS tools run with: this master, loopback addresses, logs under a temp dir. */
    Map<String, String> env() {
        return Map.of("ROS_MASTER_URI", masterUri().toString(), "ROS_IP", "127.0.0.1", "ROS_HOME", home.toString(),
                "ROS_LOG_DIR", home.resolve("log").toString(), "PYTHONUNBUFFERED", "1");
    }

    /** Runs a ROS command line (e.g. rostopic echo) whose output is collected. */
    Peer run(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env());
        pb.redirectErrorStream(true);
        Peer peer = new Peer(String.join(" ", command), pb.start());
        synchronized (peers) {
            peers.add(peer);
        }
        return peer;
    }

    /** Runs a ROS command line whose output the caller reads itself (killed on close too). */
    Process spawn(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        synchronized (peers) {
            raw.add(p);
        }
        return p;
    }

    /** Runs a python fixture from src/test/resources/ros1 with /usr/bin/python3. */
    Peer python(String fixture, String... args) throws IOException {
        Path script = fixture(fixture);
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    static Path fixture(String name) {
        try {
            return Paths.get(RosPeers.class.getResource("/ros1/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("test fixture ros1/" + name + " missing", e);
        }
    }

    @Override
    public void close() {
        LIVE.remove(this);
        synchronized (peers) {
            for (Peer p : peers) {
                kill(p.process);
            }
            peers.clear();
            raw.forEach(RosPeers::kill);
            raw.clear();
        }
        killMaster();
        deleteHome();
    }

    /** The temp ROS_HOME (logs of every ROS process started here) goes with the peers: nothing left in /tmp. */
    private void deleteHome() {
        if (!Files.exists(home)) {
            return;
        }
        try (java.util.stream.Stream<Path> all = Files.walk(home)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // a process still writing its log: left behind, said once below
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("RosPeers: could not delete " + home + ": " + e);
        }
    }

    private static void kill(Process p) {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        p.destroy();
        family.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A started ROS process and everything it has printed so far. */
    static final class Peer {
        final String command;
        final Process process;
        private final StringBuffer output = new StringBuffer();

        Peer(String command, Process process) {
            this.command = command;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }, "peer-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return output.toString();
        }

        boolean alive() {
            return process.isAlive();
        }

        /** Waits until the output satisfies the predicate; fails with the output so far. */
        String awaitOutput(Predicate<String> done, Duration timeout, Runnable meanwhile) {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                String out = output();
                if (done.test(out)) {
                    return out;
                }
                if (meanwhile != null) {
                    meanwhile.run();
                }
                sleep(50);
            }
            throw new AssertionError("'" + command + "' did not print what was expected within " + timeout
                    + "; output so far:\n" + output());
        }

        int awaitExit(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("'" + command + "' still running after " + timeout + "; output:\n" + output());
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }
}
