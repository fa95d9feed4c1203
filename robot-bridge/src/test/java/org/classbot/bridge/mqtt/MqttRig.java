package org.classbot.bridge.mqtt;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.ForwardingRobot;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridges;
import org.classbot.bridge.Twist;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.safety.SafetyLimits;

/** Test wiring: a governed simulator served over MQTT, and agents with credentials from a map. */
final class MqttRig {

    static final String USER = "classbot";
    static final String PASSWORD = "s3cret-教室";

    private MqttRig() {
    }

    static MqttTransport transport(String user, String password) {
        Map<String, String> env = Map.of(MqttSettings.ENV_USER, user, MqttSettings.ENV_PASSWORD, password);
        return new MqttTransport(env::get);
    }

    static MqttTransport transport() {
        return transport(USER, PASSWORD);
    }

    static ConnectionSpec spec(URI url, String robot) {
        return ConnectionSpec.builder("mqtt").robotId(robot).endpoint(url).build();
    }

    /** The robot side: a governed simulator, recording what reaches it, served on the broker. */
    static final class RobotSide implements AutoCloseable {
        final SafetyGovernor sim;
        final org.classbot.bridge.StallableRobot stallable;
        final Recorder recorder;
        final MqttRobotServer server;

        RobotSide(MqttTransport transport, ConnectionSpec spec, SafetyLimits limits) {
            this.sim = RobotBridges.connect(ConnectionSpec.builder("sim").build(), limits);
            this.stallable = new org.classbot.bridge.StallableRobot(sim);
            this.recorder = new Recorder(stallable);
            try {
                this.server = (MqttRobotServer) transport.serve(recorder, spec);
            } catch (RuntimeException e) {
                sim.close();
                throw e;
            }
        }

        @Override
        public void close() {
            server.close();
            sim.close();
        }
    }

    /** Passes everything to the robot and remembers the commands that arrived (the test's eyes). */
    static final class Recorder extends ForwardingRobot {
        final List<Twist> received = new CopyOnWriteArrayList<>();
        final List<Long> receivedAtNanos = new CopyOnWriteArrayList<>();
        final List<String> said = new CopyOnWriteArrayList<>();

        Recorder(RobotBridge robot) {
            super(robot);
        }

        @Override
        public void send(Twist twist) {
            received.add(twist);
            receivedAtNanos.add(System.nanoTime());
            robot.send(twist);
        }

        @Override
        public void say(String text) {
            said.add(text);
            robot.say(text);
        }
    }
}
