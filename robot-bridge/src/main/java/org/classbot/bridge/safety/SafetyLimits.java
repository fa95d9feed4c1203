package org.classbot.bridge.safety;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.classbot.bridge.map.Polygon;

/**
 * The governor's policy. Speeds above {@code maxLinear}/{@code maxAngular} are clamped; speeds above
 * {@code rejectLinear}/{@code rejectAngular} (a unit mistake, a corrupt message) are rejected.
 *
 * @param maxLinear      m/s
 * @param maxAngular     rad/s
 * @param linearAccel    m/s^2, the ramp for speeding up and slowing down (stops are immediate)
 * @param angularAccel   rad/s^2
 * @param watchdog       no fresh command for this long -> zero velocity
 * @param rejectLinear   m/s, larger magnitudes are rejected rather than clamped
 * @param rejectAngular  rad/s
 * @param geofence       the robot may not drive out of this polygon (map frame)
 */
public record SafetyLimits(double maxLinear, double maxAngular, double linearAccel, double angularAccel,
                           Duration watchdog, double rejectLinear, double rejectAngular, Optional<Polygon> geofence) {

    public SafetyLimits {
        positive(maxLinear, "max linear speed");
        positive(maxAngular, "max angular speed");
        positive(linearAccel, "linear acceleration");
        positive(angularAccel, "angular acceleration");
        Objects.requireNonNull(watchdog, "watchdog");
        if (watchdog.isNegative() || watchdog.isZero()) {
            throw new IllegalArgumentException("watchdog must be > 0, got " + watchdog);
        }
        if (!(rejectLinear >= maxLinear) || !(rejectAngular >= maxAngular)) {
            throw new IllegalArgumentException("reject thresholds must be >= the speed limits");
        }
        Objects.requireNonNull(geofence, "geofence");
    }

    /** The defaults of classbot-defaults.yaml ({@code robot.safety}), without a geofence. */
    public static Builder builder() {
        return new Builder();
    }

    public static SafetyLimits defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().maxLinear(maxLinear).maxAngular(maxAngular).linearAccel(linearAccel)
                .angularAccel(angularAccel).watchdog(watchdog).rejectLinear(rejectLinear)
                .rejectAngular(rejectAngular).geofence(geofence.orElse(null));
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + v);
        }
    }

    public static final class Builder {
        private double maxLinear = 0.5;
        private double maxAngular = 1.5;
        private double linearAccel = 1.0;
        private double angularAccel = 4.0;
        private Duration watchdog = Duration.ofMillis(500);
        private double rejectLinear = 3.0;
        private double rejectAngular = 10.0;
        private Polygon geofence;

        private Builder() {
        }

        public Builder maxLinear(double v) { maxLinear = v; return this; }
        public Builder maxAngular(double v) { maxAngular = v; return this; }
        public Builder linearAccel(double v) { linearAccel = v; return this; }
        public Builder angularAccel(double v) { angularAccel = v; return this; }
        public Builder watchdog(Duration v) { watchdog = v; return this; }
        public Builder rejectLinear(double v) { rejectLinear = v; return this; }
        public Builder rejectAngular(double v) { rejectAngular = v; return this; }
        /** null for no geofence. */
        public Builder geofence(Polygon v) { geofence = v; return this; }

        public SafetyLimits build() {
            return new SafetyLimits(maxLinear, maxAngular, linearAccel, angularAccel, watchdog, rejectLinear,
                    rejectAngular, Optional.ofNullable(geofence));
        }
    }
}
