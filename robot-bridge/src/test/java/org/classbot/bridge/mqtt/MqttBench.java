package org.classbot.bridge.mqtt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.RobotStateListener;
import org.classbot.bridge.Twist;

/**
 * MQTT benchmark (run by {@code launch/scripts/bench-mqtt.sh}): against a real Mosquitto on
 * loopback,
 * <ol>
 *   <li>command latency: ClassBot agent bridge {@code send(Twist)} -> JSON -> broker -> robot-side
 *       server -> local robot, versus the Mosquitto C clients ({@code mosquitto_pub -l} ->
 *       {@code mosquitto_sub}, both long-lived, timed from the line written to pub's stdin to the
 *       line read from sub's stdout); both QoS 1, one command every 10 ms;</li>
 *   <li>sustained commands per second without loss: as fast as the publisher can, QoS 1, counting
 *       distinct commands that reach the robot side; the same for the C clients.</li>
 * </ol>
 * Arguments: {@code [latencyCount] [throughputCount]} (defaults 1000 and 20000).
 */
public final class MqttBench {

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-pw";

    private MqttBench() {
    }

    public static void main(String[] args) throws Exception {
        int latencyN = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int throughputN = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        if (!MosquittoProcess.available()) {
            System.err.println("bench: Debian mosquitto is not installed (apt-get install mosquitto mosquitto-clients)");
            System.exit(2);
        }
        try (MosquittoProcess broker = MosquittoProcess.start(USER, PASSWORD)) {
            System.out.printf(Locale.ROOT, "MQTT benchmark: Mosquitto on %s, QoS 1, %d latency samples, %d throughput commands%n",
                    broker.url(), latencyN, throughputN);
            double[] javaLat = javaLatency(broker, latencyN);
            double[] cLat = clientLatency(broker, latencyN);
            report("ClassBot bridge -> robot side", javaLat);
            report("mosquitto_pub -> mosquitto_sub (baseline)", cLat);
            System.out.printf(Locale.ROOT, "latency ratio ClassBot / baseline: p50 %.2f, p95 %.2f, mean %.2f%n",
                    pct(javaLat, 50) / pct(cLat, 50), pct(javaLat, 95) / pct(cLat, 95), mean(javaLat) / mean(cLat));
            double[] jt = javaThroughput(broker, throughputN);
            double[] ct = clientThroughput(broker, throughputN);
            System.out.printf(Locale.ROOT, "throughput ClassBot: %.0f commands/s, %d of %d received (lost %d)%n", jt[0], (long) jt[1], throughputN, throughputN - (long) jt[1]);
            System.out.printf(Locale.ROOT, "throughput baseline: %.0f messages/s, %d of %d received (lost %d)%n", ct[0], (long) ct[1], throughputN, throughputN - (long) ct[1]);
            System.out.printf(Locale.ROOT, "throughput ratio ClassBot / baseline: %.2f%n", jt[0] / ct[0]);
        }
    }

    // ---- ClassBot path

    private static double[] javaLatency(MosquittoProcess broker, int n) throws Exception {
        Probe probe = new Probe();
        ConnectionSpec spec = ConnectionSpec.builder("mqtt").robotId("benchlat").endpoint(broker.url()).build();
        MqttTransport t = new MqttTransport(Map.of(MqttSettings.ENV_USER, USER, MqttSettings.ENV_PASSWORD, PASSWORD)::get);
        try (AutoCloseable server = t.serve(probe, spec); MqttBridge agent = new MqttBridge(t.settings(spec), spec.robotId())) {
            // warm-up: JIT, connections
            for (int i = 0; i < 200; i++) {
                agent.send(new Twist(1e-6 * (i + 1_000_000), 0));
                Thread.sleep(2);
            }
            Thread.sleep(300);
            long[] sent = new long[n];
            probe.expect(n);
            for (int i = 0; i < n; i++) {
                sent[i] = System.nanoTime();
                agent.send(new Twist(1e-6 * i, 0));
                sleepUntil(sent[i] + 10_000_000L);
            }
            probe.await(10);
            double[] lat = new double[n];
            int got = 0;
            for (int i = 0; i < n; i++) {
                Long at = probe.arrivals.get((long) i);
                if (at != null) {
                    lat[got++] = (at - sent[i]) / 1e6;
                }
            }
            if (got < n) {
                System.out.printf(Locale.ROOT, "  (ClassBot latency: %d of %d arrived)%n", got, n);
            }
            return Arrays.copyOf(lat, got);
        }
    }

    private static double[] javaThroughput(MosquittoProcess broker, int n) throws Exception {
        Probe probe = new Probe();
        ConnectionSpec spec = ConnectionSpec.builder("mqtt").robotId("benchrate").endpoint(broker.url()).build();
        MqttTransport t = new MqttTransport(Map.of(MqttSettings.ENV_USER, USER, MqttSettings.ENV_PASSWORD, PASSWORD)::get);
        try (AutoCloseable server = t.serve(probe, spec); MqttBridge agent = new MqttBridge(t.settings(spec), spec.robotId())) {
            probe.expect(n);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                while (true) {
                    try {
                        agent.send(new Twist(1e-6 * i, 0));
                        break;
                    } catch (RobotBridgeException e) {
                        Thread.onSpinWait(); // too many in flight: wait for acknowledgements
                    }
                }
            }
            probe.await(60);
            long last = probe.lastArrival;
            return new double[] {probe.arrivals.size() / ((last - t0) / 1e9), probe.arrivals.size()};
        }
    }

    /** The robot side's local robot in the benchmark: notes when each command arrives. */
    private static final class Probe implements RobotBridge {
        final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        volatile long lastArrival;
        private volatile CountDownLatch latch = new CountDownLatch(0);

        void expect(int n) {
            arrivals.clear();
            latch = new CountDownLatch(n);
        }

        void await(int seconds) throws InterruptedException {
            latch.await(seconds, TimeUnit.SECONDS);
        }

        @Override
        public void send(Twist twist) {
            long now = System.nanoTime();
            long key = Math.round(twist.linear() * 1e6);
            if (key < 1_000_000 && arrivals.putIfAbsent(key, now) == null) {
                lastArrival = now;
                latch.countDown();
            }
        }

        @Override
        public void stop() {
        }

        @Override
        public RobotState state() {
            return RobotState.disconnected().withConnected(true);
        }

        @Override
        public AutoCloseable subscribe(RobotStateListener listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }

    // ---- baseline: the Mosquitto C clients

    private static Process sub(MosquittoProcess broker, String topic) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-u", USER,
                "-P", PASSWORD, "-q", "1", "-t", topic, "-i", "bench-sub-" + topic.hashCode()).redirectErrorStream(true).start();
        Thread.sleep(500); // subscribed
        return p;
    }

    private static Process pub(MosquittoProcess broker, String topic) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-u", USER,
                "-P", PASSWORD, "-q", "1", "-t", topic, "-l").redirectErrorStream(true).start();
        Thread.sleep(300); // connected
        return p;
    }

    private static double[] clientLatency(MosquittoProcess broker, int n) throws Exception {
        Process sub = sub(broker, "bench/lat");
        Process pub = pub(broker, "bench/lat");
        try {
            long[] sent = new long[n + 200];
            double[] lat = new double[n];
            AtomicInteger got = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        long now = System.nanoTime();
                        int i = Integer.parseInt(line.strip());
                        if (i >= 200) {
                            lat[got.getAndIncrement()] = (now - sent[i]) / 1e6;
                            if (got.get() == n) {
                                done.countDown();
                                return;
                            }
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    done.countDown();
                }
            });
            reader.setDaemon(true);
            reader.start();
            Writer w = new OutputStreamWriter(pub.getOutputStream(), StandardCharsets.UTF_8);
            for (int i = 0; i < n + 200; i++) { // the first 200 warm up, like the Java path
                sent[i] = System.nanoTime();
                w.write(i + "\n");
                w.flush();
                sleepUntil(sent[i] + (i < 200 ? 2_000_000L : 10_000_000L));
            }
            done.await(10, TimeUnit.SECONDS);
            return Arrays.copyOf(lat, got.get());
        } finally {
            pub.destroy();
            sub.destroy();
        }
    }

    private static double[] clientThroughput(MosquittoProcess broker, int n) throws Exception {
        Process sub = sub(broker, "bench/rate");
        Process pub = pub(broker, "bench/rate");
        try {
            AtomicInteger got = new AtomicInteger();
            long[] lastAt = new long[1];
            CountDownLatch done = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
                    while (r.readLine() != null) {
                        lastAt[0] = System.nanoTime();
                        if (got.incrementAndGet() == n) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    // ends the count
                }
                done.countDown();
            });
            reader.setDaemon(true);
            reader.start();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append("{\"linear\":{\"x\":").append(1e-6 * i).append("},\"angular\":{\"z\":0.0},\"ts\":0}\n");
            }
            long t0 = System.nanoTime();
            Writer w = new OutputStreamWriter(pub.getOutputStream(), StandardCharsets.UTF_8);
            w.write(sb.toString());
            w.flush();
            done.await(60, TimeUnit.SECONDS);
            return new double[] {got.get() / ((lastAt[0] - t0) / 1e9), got.get()};
        } finally {
            pub.destroy();
            sub.destroy();
        }
    }

    // ---- figures

    private static void report(String what, double[] ms) {
        System.out.printf(Locale.ROOT, "latency %-45s p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  mean %.3f ms  (n=%d)%n",
                what, pct(ms, 50), pct(ms, 95), pct(ms, 99), mean(ms), ms.length);
    }

    private static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            if (left > 2_000_000) {
                Thread.sleep(1);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
