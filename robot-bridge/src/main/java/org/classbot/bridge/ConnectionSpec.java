package org.classbot.bridge;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one robot: the profile (transport), its one endpoint (the MQTT broker, the ROS master or the
 * rosbridge server, as the transport reads it; empty = the transport's own default or discovery), the topic names,
 * and the transport's own options ({@code mqtt.*}, {@code rosbridge.*}, ... listed and checked by each transport),
 * as given by the connection flags of DESIGN.md ({@code --profile --robot --mqtt-url --ros-master
 * --rosbridge-url}) and the configuration. Adding a transport adds no field here. Credentials are not part of it:
 * transports read them from env vars.
 */
public record ConnectionSpec(String profile, String robotId, Optional<URI> endpoint, String cmdVelTopic, String odomTopic,
                             String sayTopic, Map<String, String> options) {

    public ConnectionSpec {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(robotId, "robotId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cmdVelTopic, "cmdVelTopic");
        Objects.requireNonNull(odomTopic, "odomTopic");
        Objects.requireNonNull(sayTopic, "sayTopic");
        options = Map.copyOf(options);
    }

    public static Builder builder(String profile) {
        return new Builder(profile);
    }

    /** The option's value; empty when absent or blank (a blank value means "the default"). */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key)).filter(v -> !v.isBlank());
    }

    /**
     * A millisecond option, the one parser every transport uses: {@code dflt} when absent or blank, otherwise a whole
     * number of at least {@code min} (or 0 when {@code zeroOff}: 0 means "off").
     *
     * @throws IllegalArgumentException one bilingual line naming the key, what it got and what it needs
     */
    public long millis(String key, long dflt, long min, boolean zeroOff) {
        Optional<String> raw = option(key).map(String::strip);
        if (raw.isEmpty()) {
            return dflt;
        }
        long ms;
        try {
            ms = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of milliseconds, got '" + raw.get() + "' / "
                    + key + " 应为整数毫秒", e);
        }
        if (ms < min && !(zeroOff && ms == 0)) {
            throw new IllegalArgumentException(key + " must be " + (zeroOff ? "0 (off) or " : "") + "at least " + min
                    + ", got " + ms + " / " + key + " 至少为 " + min + (zeroOff ? "（0 表示关闭）" : ""));
        }
        return ms;
    }

    public Builder toBuilder() {
        Builder b = new Builder(profile).robotId(robotId).cmdVelTopic(cmdVelTopic).odomTopic(odomTopic)
                .sayTopic(sayTopic).options(options);
        endpoint.ifPresent(b::endpoint);
        return b;
    }

    public static final class Builder {
        private final String profile;
        private String robotId = "classbot1";
        private URI endpoint;
        private String cmdVelTopic = "/cmd_vel";
        private String odomTopic = "/odom";
        private String sayTopic = "/say";
        private Map<String, String> options = Map.of();

        private Builder(String profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
        }

        public Builder robotId(String v) { this.robotId = v; return this; }
        /** The transport's endpoint: {@code tcp://…} broker (mqtt), {@code http://…} master (ros1), {@code ws://…} server (rosbridge). */
        public Builder endpoint(URI v) { this.endpoint = v; return this; }
        public Builder cmdVelTopic(String v) { this.cmdVelTopic = v; return this; }
        public Builder odomTopic(String v) { this.odomTopic = v; return this; }
        public Builder sayTopic(String v) { this.sayTopic = v; return this; }
        public Builder options(Map<String, String> v) { this.options = v; return this; }

        public ConnectionSpec build() {
            return new ConnectionSpec(profile, robotId, Optional.ofNullable(endpoint), cmdVelTopic, odomTopic, sayTopic, options);
        }
    }
}
