package org.classbot.bridge.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.classbot.bridge.ConnectionSpec;
import org.classbot.bridge.RobotBridgeException;

/**
 * Where and how to reach the broker. Credentials come only from the environment
 * ({@code CLASSBOT_MQTT_USER}, {@code CLASSBOT_MQTT_PASSWORD}); {@code ssl://} URLs use TLS, trusting
 * the JVM's CAs or the PEM file in option {@code mqtt.ca_file}.
 */
record MqttSettings(URI url, Optional<String> user, Optional<char[]> password, Optional<Path> caFile,
                    Duration reconnectMax, Duration connectTimeout) {

    static final String ENV_USER = "CLASSBOT_MQTT_USER";
    static final String ENV_PASSWORD = "CLASSBOT_MQTT_PASSWORD";

    static MqttSettings of(URI url, ConnectionSpec spec, Function<String, String> env) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
            throw new IllegalArgumentException("MQTT URL must look like tcp://HOST:PORT or ssl://HOST:PORT, got '" + url + "'");
        }
        if (url.getHost() == null || url.getPort() <= 0) {
            throw new IllegalArgumentException("MQTT URL '" + url + "' needs a host and a port, e.g. tcp://127.0.0.1:1883");
        }
        Optional<String> user = Optional.ofNullable(env.apply(ENV_USER)).filter(s -> !s.isEmpty());
        Optional<char[]> pw = Optional.ofNullable(env.apply(ENV_PASSWORD)).filter(s -> !s.isEmpty()).map(String::toCharArray);
        Optional<Path> ca = spec.option("mqtt.ca_file").filter(s -> !s.isBlank()).map(Path::of);
        Duration max = Duration.ofMillis(spec.millis("mqtt.reconnect_max_ms", 2000, 1, false));
        Duration timeout = Duration.ofMillis(spec.millis("mqtt.connect_timeout_ms", 5000, 1, false));
        return new MqttSettings(url, user, pw, ca, max, timeout);
    }

    boolean tls() {
        return "ssl".equalsIgnoreCase(url.getScheme());
    }

    /** Paho's server URI. */
    String serverUri() {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + ":" + url.getPort();
    }

    /** A socket factory trusting the configured CA file, if any. */
    Optional<SSLSocketFactory> socketFactory() {
        if (!tls() || caFile.isEmpty()) {
            return Optional.empty();
        }
        Path ca = caFile.get();
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            if (i == 0) {
                throw new RobotBridgeException("no certificate in MQTT CA file " + ca + " (expected PEM)");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return Optional.of(ctx.getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new RobotBridgeException("cannot read MQTT CA file " + ca + ": " + e.getMessage()
                    + " (robot.mqtt.ca_file must be a PEM certificate)", e);
        }
    }
}
