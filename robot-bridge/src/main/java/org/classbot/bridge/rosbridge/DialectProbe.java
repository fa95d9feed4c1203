package org.classbot.bridge.rosbridge;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.bridge.transport.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which ROS a rosbridge server runs, on connect:
 * <ol>
 * <li>rosapi, when it runs: {@code /rosapi/get_ros_version} answers {@code version} 1 or 2;</li>
 * <li>else a round trip in ROS 2 naming: subscribe and advertise a private probe topic as
 * {@code std_msgs/msg/String} and publish on it. The server's node hands our own message back
 * when it took the ROS 2 name (ROS 2); a {@code status} error for the advertise, or no echo while
 * the same probe in ROS 1 naming ({@code std_msgs/String}, which both accept) does come back, means
 * ROS 1. The real ROS 1 server (rosbridge_suite {@code ros1}) only logs a refused type, so the
 * second probe is what tells it apart there;</li>
 * <li>no answer at all: ROS 1 naming, which both servers accept for type names (logged, with the
 * setting that decides it).</li>
 * </ol>
 */
final class DialectProbe {

    private static final Logger log = LoggerFactory.getLogger(DialectProbe.class);

    /** What was found and how. */
    record Result(RosJson.Dialect dialect, String how) {
    }

    private DialectProbe() {
    }

    static Result detect(RosbridgeClient client, Duration wait) {
        Optional<RosJson.Dialect> viaRosapi = rosapi(client, wait);
        if (viaRosapi.isPresent()) {
            return new Result(viaRosapi.get(), "rosapi /rosapi/get_ros_version");
        }
        return roundTrip(client, wait);
    }

    private static Optional<RosJson.Dialect> rosapi(RosbridgeClient client, Duration wait) {
        try {
            JsonNode v = client.callService("/rosapi/get_ros_version", Messages.mapper().createObjectNode())
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return switch (v.path("version").asInt(0)) {
                case 1 -> Optional.of(RosJson.Dialect.ROS1);
                case 2 -> Optional.of(RosJson.Dialect.ROS2);
                default -> Optional.empty();
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("rosbridge {}: no rosapi version ({})", client.url(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Result roundTrip(RosbridgeClient client, Duration wait) {
        String base = "/classbot_probe_" + UUID.randomUUID().toString().substring(0, 8);
        String ros2Topic = base + "_ros2";
        String ros1Topic = base + "_ros1";
        String token = UUID.randomUUID().toString();
        CountDownLatch ros2Echo = new CountDownLatch(1);
        CountDownLatch ros1Echo = new CountDownLatch(1);
        AtomicReference<String> refused = new AtomicReference<>();
        Runnable failures = () -> client.failure("advertise", ros2Topic).or(() -> client.failure("subscribe", ros2Topic))
                .ifPresent(refused::set);
        client.onFailure(failures);
        AutoCloseable sub2 = client.subscribe(ros2Topic, RosJson.Dialect.ROS2.string, m -> {
            if (token.equals(m.path("data").asText())) {
                ros2Echo.countDown();
            }
        });
        AutoCloseable sub1 = client.subscribe(ros1Topic, RosJson.Dialect.ROS1.string, m -> {
            if (token.equals(m.path("data").asText())) {
                ros1Echo.countDown();
            }
        });
        client.advertise(ros2Topic, RosJson.Dialect.ROS2.string);
        client.advertise(ros1Topic, RosJson.Dialect.ROS1.string);
        long end = System.nanoTime() + wait.toNanos();
        long ros1SeenAt = 0;
        try {
            while (System.nanoTime() < end) {
                // a fresh subscription may miss the first messages (ROS connects publishers lazily): repeat
                client.publish(ros2Topic, RosJson.string(token));
                client.publish(ros1Topic, RosJson.string(token));
                if (ros2Echo.await(100, TimeUnit.MILLISECONDS)) {
                    return new Result(RosJson.Dialect.ROS2, "a probe in ROS 2 naming came back");
                }
                failures.run();
                if (refused.get() != null) {
                    return new Result(RosJson.Dialect.ROS1, "the server refused ROS 2 naming: " + refused.get());
                }
                if (ros1Echo.getCount() == 0) {
                    if (ros1SeenAt == 0) {
                        ros1SeenAt = System.nanoTime();
                    } else if (System.nanoTime() - ros1SeenAt > 300_000_000L) {
                        return new Result(RosJson.Dialect.ROS1, "only the probe in ROS 1 naming came back");
                    }
                }
            }
            return new Result(RosJson.Dialect.ROS1, "no probe came back within " + wait.toMillis()
                    + " ms: using ROS 1 names, which ROS 1 and ROS 2 servers both accept");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(RosJson.Dialect.ROS1, "interrupted");
        } finally {
            client.unadvertise(ros2Topic);
            client.unadvertise(ros1Topic);
            closeQuietly(sub2);
            closeQuietly(sub1);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("probe cleanup failed: {}", e.toString());
        }
    }
}
