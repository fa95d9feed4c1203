package org.classbot.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.Twist;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.safety.CommandRejectedException;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The safety rules hold end to end through a real Mosquitto: governed agent -> broker -> governed
 * robot side (simulator). What counts is the simulated robot's measured velocity and pose.
 */
class MqttSafetyTest extends MosquittoTestSupport {

    @Test
    void should_stop_the_robot_within_watchdog_plus_50_ms_when_the_agent_stops_commanding() throws Exception {
        long watchdogMs = 400;
        SafetyLimits limits = SafetyLimits.builder().watchdog(Duration.ofMillis(watchdogMs)).build();
        ConnectionSpec spec = spec("safe");
        MqttRig.RobotSide robot = keep(new MqttRig.RobotSide(MqttRig.transport(), spec, limits));
        SafetyGovernor agent = keep(SafetyGovernor.wrap(MqttRig.transport().connect(spec), limits));
        AtomicLong lastSend = new AtomicLong();
        for (int i = 0; i < 10; i++) {
            agent.send(new Twist(0.3, 0));
            lastSend.set(System.nanoTime());
            Thread.sleep(50);
        }
        assertThat(robot.sim.state().velocity().linear()).isPositive();
        long stopped = awaitStop(robot);
        long ms = (stopped - lastSend.get()) / 1_000_000;
        log("agent-side watchdog through MQTT: robot stopped {} ms after the last command (watchdog {} ms)", ms, watchdogMs);
        assertThat(ms).isBetween(watchdogMs - 20, watchdogMs + 50);
    }

    @Test
    void should_stop_the_robot_within_watchdog_plus_50_ms_when_the_agent_vanishes() throws Exception {
        long watchdogMs = 400;
        SafetyLimits limits = SafetyLimits.builder().watchdog(Duration.ofMillis(watchdogMs)).build();
        ConnectionSpec spec = spec("safe");
        MqttRig.RobotSide robot = keep(new MqttRig.RobotSide(MqttRig.transport(), spec, limits));
        // an agent without its governor's keep-alive: a crashed controller, from the robot's view
        MqttBridge agent = keep((MqttBridge) MqttRig.transport().connect(spec));
        for (int i = 0; i < 10; i++) {
            agent.send(new Twist(0.3, 0));
            Thread.sleep(50);
        }
        long lastArrival = robot.recorder.receivedAtNanos.get(robot.recorder.receivedAtNanos.size() - 1);
        long stopped = awaitStop(robot);
        long ms = (stopped - lastArrival) / 1_000_000;
        log("robot-side watchdog: robot stopped {} ms after the last command arrived (watchdog {} ms)", ms, watchdogMs);
        assertThat(ms).isBetween(watchdogMs - 20, watchdogMs + 50);
    }

    @Test
    void should_latch_the_estop_on_the_robot_until_an_explicit_reset() throws Exception {
        ConnectionSpec spec = spec("safe");
        MqttRig.RobotSide robot = keep(new MqttRig.RobotSide(MqttRig.transport(), spec, SafetyLimits.defaults()));
        SafetyGovernor agent = keep(SafetyGovernor.wrap(MqttRig.transport().connect(spec), SafetyLimits.defaults()));
        SafetyGovernor other = keep(SafetyGovernor.wrap(MqttRig.transport().connect(spec), SafetyLimits.defaults()));
        for (int i = 0; i < 6; i++) {
            agent.send(new Twist(0.3, 0));
            Thread.sleep(50);
        }
        agent.emergencyStop();
        assertThat(eventually(() -> robot.sim.estopped() && robot.sim.state().velocity().linear() == 0)).isTrue();
        assertThat(eventually(() -> other.state().estopped())).as("every agent sees the robot's e-stop (retained status)").isTrue();
        assertThatThrownBy(() -> other.send(new Twist(0.2, 0))).isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("e-stop");
        // a command that slips through (a raw client) is refused by the robot's own governor
        MqttClient raw = rawClient();
        try {
            raw.publish(new MqttTopics(spec.robotId()).cmdVel(),
                    "{\"linear\":{\"x\":0.2},\"angular\":{\"z\":0}}".getBytes(StandardCharsets.UTF_8), 1, false);
            Thread.sleep(300);
            assertThat(robot.sim.state().velocity().linear()).isZero();
            assertThat(robot.server.rejectedCommands()).isPositive();
            // garbage on the e-stop topic keeps it latched (fail-safe); only {"action":"reset"} clears it
            raw.publish(new MqttTopics(spec.robotId()).estop(), "???".getBytes(StandardCharsets.UTF_8), 1, false);
            Thread.sleep(200);
            assertThat(robot.sim.estopped()).isTrue();
            raw.publish(new MqttTopics(spec.robotId()).estop(), "{\"action\":\"reset\"}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(eventually(() -> !robot.sim.estopped())).isTrue();
            assertThat(eventually(() -> !other.estopped())).as("agents see the reset").isTrue();
            // e-stop straight from the topic (a hardware button publishing it)
            raw.publish(new MqttTopics(spec.robotId()).estop(), "{\"action\":\"estop\"}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(eventually(() -> robot.sim.estopped())).isTrue();
        } finally {
            raw.disconnect();
            raw.close();
        }
        agent.resetEmergencyStop();
        assertThat(eventually(() -> !robot.sim.estopped())).isTrue();
        assertThat(eventually(() -> !agent.estopped())).as("the agent sees the robot's status after the reset").isTrue();
        for (int i = 0; i < 6; i++) {
            agent.send(new Twist(0.2, 0));
            Thread.sleep(50);
        }
        assertThat(eventually(() -> robot.sim.state().velocity().linear() > 0)).isTrue();
    }

    @Test
    void should_keep_the_robot_inside_its_geofence() throws Exception {
        ConnectionSpec spec = spec("safe");
        SafetyLimits fenced = SafetyLimits.builder().geofence(Polygon.rectangle(-0.6, -0.6, 0.6, 0.6)).build();
        MqttRig.RobotSide robot = keep(new MqttRig.RobotSide(MqttRig.transport(), spec, fenced));
        // the agent does not know the fence: the robot's governor enforces it
        SafetyGovernor agent = keep(SafetyGovernor.wrap(MqttRig.transport().connect(spec), SafetyLimits.defaults()));
        for (int i = 0; i < 50; i++) {
            agent.send(new Twist(0.5, 0));
            Thread.sleep(50);
        }
        assertThat(robot.sim.state().pose().x()).isLessThan(0.6).isGreaterThan(0.3);
        assertThat(robot.sim.status().geofenceBlocked()).isTrue();
        assertThat(robot.sim.state().velocity().linear()).isZero();
    }

    @Test
    void should_clamp_remote_commands_to_the_robots_limits() throws Exception {
        ConnectionSpec spec = spec("safe");
        MqttRig.RobotSide robot = keep(new MqttRig.RobotSide(MqttRig.transport(), spec,
                SafetyLimits.builder().maxLinear(0.25).maxAngular(0.5).build()));
        MqttBridge agent = keep((MqttBridge) MqttRig.transport().connect(spec));
        for (int i = 0; i < 15; i++) {
            agent.send(new Twist(1.0, 2.0));
            Thread.sleep(50);
        }
        assertThat(robot.sim.state().velocity().linear()).isEqualTo(0.25);
        assertThat(robot.sim.state().velocity().angular()).isEqualTo(0.5);
        assertThat(robot.sim.status().clamped()).isTrue();
    }

    @Test
    void should_hold_zero_while_the_link_is_down_and_need_a_fresh_command_after() throws Exception {
        ConnectionSpec spec = spec("safe");
        MqttRig.RobotSide robot = keep(new MqttRig.RobotSide(MqttRig.transport(), spec, SafetyLimits.defaults()));
        SafetyGovernor agent = keep(SafetyGovernor.wrap(MqttRig.transport().connect(spec), SafetyLimits.defaults()));
        for (int i = 0; i < 8; i++) {
            agent.send(new Twist(0.3, 0));
            Thread.sleep(50);
        }
        assertThat(robot.sim.state().velocity().linear()).isPositive();
        broker().stop(false);
        assertThat(eventually(() -> !agent.state().connected())).isTrue();
        assertThatThrownBy(() -> agent.send(new Twist(0.3, 0))).isInstanceOf(CommandRejectedException.class)
                .extracting(e -> ((CommandRejectedException) e).reason()).isEqualTo(CommandRejectedException.Reason.DISCONNECTED);
        assertThat(agent.status().output()).isEqualTo(Twist.ZERO);
        assertThat(eventually(() -> robot.sim.state().velocity().linear() == 0)).as("robot side stopped too").isTrue();
        broker().restart();
        assertThat(eventually(() -> agent.state().connected() && robot.server.linkUp())).isTrue();
        Thread.sleep(300);
        assertThat(robot.sim.state().velocity().linear()).as("nothing resumes by itself after the link returns").isZero();
        for (int i = 0; i < 8; i++) {
            agent.send(new Twist(0.3, 0));
            Thread.sleep(50);
        }
        assertThat(eventually(() -> robot.sim.state().velocity().linear() > 0)).as("a fresh command moves it again").isTrue();
    }

    private static long awaitStop(MqttRig.RobotSide robot) throws InterruptedException {
        AtomicLong at = new AtomicLong();
        robot.sim.subscribe(s -> {
            if (s.velocity().linear() == 0) {
                at.compareAndSet(0, System.nanoTime());
            }
        });
        assertThat(eventually(() -> at.get() != 0)).as("robot stopped").isTrue();
        return at.get();
    }


    private static void log(String fmt, Object... args) {
        LoggerFactory.getLogger(MqttSafetyTest.class).info(fmt, args);
    }
}
