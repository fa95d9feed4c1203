package org.classbot.bridge.ros1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.ros1.msg.RosTwist;
import org.classbot.bridge.ros1.msg.RosTypes;

/**
 * ROS 1 benchmark (plain main; launch/scripts/bench-ros1.sh runs it) against a real rosmaster:
 * <ol>
 * <li>warm latency: ClassBot's TCPROS publisher → {@code rostopic echo} printing the message, vs a
 * rospy publisher (the library {@code rostopic pub} runs on) → the same {@code rostopic echo};
 * each message carries its wall-clock send time, the echo's output line is timestamped on arrival;</li>
 * <li>cold latency: a new ClassBot node (start, register, publish) vs launching {@code rostopic pub -1},
 * until a waiting {@code rostopic echo} prints the first message;</li>
 * <li>sustained commands per second into a rospy subscriber (queue unbounded) and into a ClassBot
 * subscriber, counting loss and order.</li>
 * </ol>
 * Args: [messages per latency run, default 200] [rates per second, comma-separated, default
 * 50,200,1000,2000,5000,10000,20000].
 */
public final class Ros1Bench {

    private record Sample(long seq, double sentEpoch, double recvEpoch) {
        double latencyMs() {
            return (recvEpoch - sentEpoch) * 1000;
        }
    }

    private Ros1Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (!Files.isExecutable(RosPeers.ROSMASTER) || !Files.isExecutable(RosPeers.ROSTOPIC)) {
            System.err.println("bench-ros1: ROS 1 is not installed (apt-get install ros-core python3-rospy python3-rostopic "
                    + "python3-geometry-msgs python3-nav-msgs python3-std-msgs)");
            System.exit(2);
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int[] rates = java.util.Arrays.stream((args.length > 1 ? args[1] : "50,200,1000,2000,5000,10000,20000").split(","))
                .mapToInt(r -> Integer.parseInt(r.trim())).toArray();
        try (RosPeers ros = RosPeers.start()) {
            ConnectionSpec spec = ConnectionSpec.builder("ros1").endpoint(ros.masterUri()).build();
            System.out.printf(Locale.ROOT, "ROS 1 benchmark, master %s, %d cores%n", ros.masterUri(),
                    Runtime.getRuntime().availableProcessors());

            // 1. warm latency
            List<Sample> java;
            try (Ros1Node node = Ros1Node.start(NodeConfig.from(spec, Map.of(), "/bench_java"))) {
                Publication<RosTwist> pub = node.advertise("/bench_java", RosTypes.TWIST, false);
                Echo echo = Echo.start(ros, "/bench_java");
                awaitTrue(() -> pub.subscriberCount() > 0, Duration.ofSeconds(30), "rostopic echo to subscribe");
                for (int seq = 1; seq <= n + 20; seq++) {
                    pub.publish(new RosTwist(seq, epochNow(), 0, 0, 0, 0));
                    Thread.sleep(20);
                }
                java = echo.collect(n + 20, Duration.ofSeconds(30)).stream().filter(s -> s.seq() > 20).toList();
                echo.stop();
            }
            Echo echo = Echo.start(ros, "/bench_rospy");
            RosPeers.Peer rospy = ros.python("bench_pub.py", "/bench_rospy", String.valueOf(n + 20), "0.02");
            List<Sample> python = echo.collect(n + 20, Duration.ofSeconds(60)).stream().filter(s -> s.seq() > 20).toList();
            echo.stop();
            rospy.process.destroy();
            printLatency("warm latency, publish -> rostopic echo prints", java, python);

            // 2. cold latency
            List<Double> coldJava = new ArrayList<>();
            List<Double> coldCli = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                coldJava.add(coldJava(ros, spec, "/cold_java_" + i));
                coldCli.add(coldCli(ros, "/cold_cli_" + i));
            }
            double cj = median(coldJava);
            double cc = median(coldCli);
            System.out.printf(Locale.ROOT, "%ncold start to first message printed by rostopic echo (median of 5):%n"
                    + "  ClassBot node (start, register, publish): %.0f ms%n  rostopic pub -1 (CLI launch):          %.0f ms%n"
                    + "  ratio CLI/ClassBot: %.1fx%n", cj, cc, cc / cj);

            // 3. sustained rate
            throughput(ros, spec, rates);
        }
    }

    private static double coldJava(RosPeers ros, ConnectionSpec spec, String topic) throws Exception {
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "-n", "1", topic);
        Thread.sleep(1500); // let rostopic start and wait for the topic
        long t0 = System.nanoTime();
        try (Ros1Node node = Ros1Node.start(NodeConfig.from(spec, Map.of(), "/cold_java"))) {
            Publication<RosTwist> pub = node.advertise(topic, RosTypes.TWIST, true);
            pub.publish(new RosTwist(1, 0, 0, 0, 0, 0));
            echo.awaitOutput(o -> o.contains("angular"), Duration.ofSeconds(30), null);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            echo.process.destroy();
        }
    }

    private static double coldCli(RosPeers ros, String topic) throws Exception {
        RosPeers.Peer echo = ros.run("/usr/bin/rostopic", "echo", "-n", "1", topic);
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        RosPeers.Peer pub = ros.run("/usr/bin/rostopic", "pub", "-1", topic, "geometry_msgs/Twist", "{linear: {x: 1.0}}");
        try {
            echo.awaitOutput(o -> o.contains("angular"), Duration.ofSeconds(30), null);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            echo.process.destroy();
            pub.process.destroy();
        }
    }

    private static void throughput(RosPeers ros, ConnectionSpec spec, int[] rates) throws Exception {
        System.out.printf(Locale.ROOT, "%nsustained commands (geometry_msgs/Twist), 2 s per rate:%n");
        System.out.printf(Locale.ROOT, "  %-9s | %-36s | %-30s%n", "target/s", "rospy subscriber: sent/s recv loss", "ClassBot subscriber: recv loss");
        RosPeers.Peer counter = ros.python("bench_count.py", "/bench_rate");
        AtomicLong javaCount = new AtomicLong();
        AtomicLong javaLast = new AtomicLong();
        AtomicLong javaOutOfOrder = new AtomicLong();
        try (Ros1Node node = Ros1Node.start(NodeConfig.from(spec, Map.of(), "/bench_rate_pub"));
             Ros1Node sink = Ros1Node.start(NodeConfig.from(spec, Map.of(), "/bench_rate_sink"))) {
            sink.subscribe("/bench_rate", RosTypes.TWIST, t -> {
                if (t.linearZ() == -1.0) {
                    return;
                }
                long seq = (long) t.linearX();
                if (seq != javaLast.get() + 1) {
                    javaOutOfOrder.incrementAndGet();
                }
                javaLast.set(seq);
                javaCount.incrementAndGet();
            });
            Publication<RosTwist> pub = node.advertise("/bench_rate", RosTypes.TWIST, false);
            awaitTrue(() -> pub.subscriberCount() >= 2, Duration.ofSeconds(30), "both subscribers");
            int best = 0;
            int run = 0;
            for (int rate : rates) {
                int count = rate * 2;
                javaCount.set(0);
                javaLast.set(0);
                javaOutOfOrder.set(0);
                long droppedBefore = pub.dropped();
                long t0 = System.nanoTime();
                long interval = 1_000_000_000L / rate;
                for (int seq = 1; seq <= count; seq++) {
                    long due = t0 + seq * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    pub.publish(new RosTwist(seq, 0, 0, 0, 0, 0));
                }
                double sentRate = count / ((System.nanoTime() - t0) / 1e9);
                pub.publish(new RosTwist(count, 0, -1, 0, 0, 0));
                run++;
                final int expectRuns = run;
                String out = counter.awaitOutput(o -> o.lines().filter(l -> l.startsWith("run ")).count() >= expectRuns,
                        Duration.ofSeconds(120), null);
                String[] last = out.lines().filter(l -> l.startsWith("run ")).skip(expectRuns - 1).findFirst().orElseThrow().split(" ");
                long received = Long.parseLong(last[2]);
                boolean inOrder = Boolean.parseBoolean(last[3].toLowerCase(Locale.ROOT));
                awaitTrue(() -> javaCount.get() >= count, Duration.ofSeconds(10), "the ClassBot subscriber");
                long lossPy = count - received;
                long lossJava = count - javaCount.get();
                System.out.printf(Locale.ROOT, "  %-9d | %8.0f %8d %6d%s | %8d %6d%s   (publisher queue drops: %d)%n",
                        rate, sentRate, received, lossPy, inOrder ? "" : " out-of-order", javaCount.get(), lossJava,
                        javaOutOfOrder.get() == 0 ? "" : " out-of-order", pub.dropped() - droppedBefore);
                if (lossPy == 0 && inOrder && lossJava == 0 && sentRate >= rate * 0.95) {
                    best = rate;
                }
                Thread.sleep(300);
            }
            System.out.printf(Locale.ROOT, "  highest rate with no loss and in order to both subscribers: %d commands/s (rates tried: %s)%n",
                    best, java.util.Arrays.toString(rates));
        } finally {
            counter.process.destroy();
        }
    }

    private static void printLatency(String title, List<Sample> java, List<Sample> python) {
        double jm = percentile(java, 50);
        double pm = percentile(python, 50);
        System.out.printf(Locale.ROOT, "%n%s (%d / %d messages, 20 ms apart):%n", title, java.size(), python.size());
        System.out.printf(Locale.ROOT, "  ClassBot TCPROS publisher: median %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                jm, percentile(java, 90), percentile(java, 99));
        System.out.printf(Locale.ROOT, "  rospy publisher (rostopic pub's library): median %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                pm, percentile(python, 90), percentile(python, 99));
        System.out.printf(Locale.ROOT, "  ratio rospy/ClassBot (median): %.2fx%n", pm / jm);
    }

    private static double percentile(List<Sample> s, int p) {
        List<Double> v = s.stream().map(Sample::latencyMs).sorted().toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        return v.get(Math.min(v.size() - 1, (int) Math.ceil(p / 100.0 * v.size()) - 1));
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    static double epochNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            RosPeers.sleep(10);
        }
    }

    /** A {@code rostopic echo} whose lines are timestamped the moment they are read. */
    private static final class Echo {
        private final Process process;
        private final BlockingQueue<Sample> samples = new LinkedBlockingQueue<>();

        private Echo(Process process) {
            this.process = process;
            Thread t = new Thread(this::read, "echo-reader");
            t.setDaemon(true);
            t.start();
        }

        static Echo start(RosPeers ros, String topic) throws IOException {
            return new Echo(ros.spawn("/usr/bin/rostopic", "echo", topic));
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean inLinear = false;
                double x = 0;
                while ((line = r.readLine()) != null) {
                    String t = line.trim();
                    if (t.startsWith("linear:")) {
                        inLinear = true;
                    } else if (inLinear && t.startsWith("x:")) {
                        x = Double.parseDouble(t.substring(2).trim());
                    } else if (inLinear && t.startsWith("y:")) {
                        double recv = epochNow();
                        samples.add(new Sample((long) x, Double.parseDouble(t.substring(2).trim()), recv));
                        inLinear = false;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // echo ended
            }
        }

        List<Sample> collect(int count, Duration timeout) throws InterruptedException {
            List<Sample> out = new ArrayList<>();
            long end = System.nanoTime() + timeout.toNanos();
            while (out.size() < count) {
                Sample s = samples.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (s == null) {
                    break;
                }
                out.add(s);
            }
            return out;
        }

        void stop() {
            process.destroy();
        }
    }
}
