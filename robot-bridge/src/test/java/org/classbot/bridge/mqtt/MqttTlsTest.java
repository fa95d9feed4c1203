package org.classbot.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.classbot.bridge.mqtt.MosquittoTestSupport.eventually;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridge;
import org.classbot.bridge.RobotBridgeException;
import org.classbot.bridge.Twist;
import org.classbot.bridge.safety.SafetyLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssl:// URLs: TLS to a real Mosquitto TLS listener whose certificate a test CA signed (openssl). */
class MqttTlsTest {

    @TempDir
    Path dir;

    @Test
    void should_drive_over_tls_trusting_the_configured_ca_and_refuse_an_unknown_ca_clearly() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian mosquitto is not installed; skipping");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed; skipping");
        MosquittoProcess.Tls tls = certificates();
        try (MosquittoProcess broker = MosquittoProcess.start(MqttRig.USER, MqttRig.PASSWORD, tls)) {
            ConnectionSpec spec = ConnectionSpec.builder("mqtt").robotId("tls1").endpoint(broker.tlsUrl())
                    .options(Map.of("mqtt.ca_file", tls.caFile().toString())).build();
            try (MqttRig.RobotSide robot = new MqttRig.RobotSide(MqttRig.transport(), spec, SafetyLimits.defaults());
                 RobotBridge agent = MqttRig.transport().connect(spec)) {
                assertThat(agent.state().connected()).isTrue();
                for (int i = 0; i < 10; i++) {
                    agent.send(new Twist(0.2, 0));
                    Thread.sleep(50);
                }
                assertThat(eventually(() -> agent.state().pose().x() > 0.05)).as("odometry over TLS").isTrue();
                agent.stop();
            }
            ConnectionSpec untrusted = ConnectionSpec.builder("mqtt").robotId("tls2").endpoint(broker.tlsUrl()).build();
            assertThatThrownBy(() -> MqttRig.transport().connect(untrusted)).isInstanceOf(RobotBridgeException.class)
                    .hasMessageContaining("TLS to the MQTT broker " + broker.tlsUrl()).hasMessageContaining("robot.mqtt.ca_file");
        }
    }

    private MosquittoProcess.Tls certificates() throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path crt = dir.resolve("server.crt");
        Path ext = dir.resolve("san.ext");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "2", "-subj", "/CN=ClassBot test CA");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(), "-CAcreateserial",
                "-out", crt.toString(), "-days", "2", "-extfile", ext.toString());
        return new MosquittoProcess.Tls(ca, crt, key);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl %s: %s", args[0], out).isZero();
    }
}
