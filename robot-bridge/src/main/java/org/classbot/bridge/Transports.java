package org.classbot.bridge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link Transport} for a profile name among those on the class path. Applications do
 * not call {@link Transport#connect} themselves: {@link RobotBridges} does, and governs the result.
 */
public final class Transports {

    private static final Logger log = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    /** Every transport on the class path; a provider that fails to load is logged and skipped. */
    public static List<Transport> all() {
        List<Transport> out = new ArrayList<>();
        Iterator<Transport> it = ServiceLoader.load(Transport.class, Transports.class.getClassLoader()).iterator();
        for (int guard = 0; guard < 64; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError e) {
                log.warn("skipping a robot transport that cannot be loaded: {}", e.getMessage());
            }
        }
        return out;
    }

    /** The profile names available, e.g. [sim, mqtt, ros1, rosbridge]. */
    public static List<String> profiles() {
        return all().stream().map(Transport::profile).toList();
    }

    /** @throws IllegalArgumentException naming the known profiles when none matches */
    public static Transport forProfile(String profile) {
        List<Transport> all = all();
        for (Transport t : all) {
            if (t.profile().equalsIgnoreCase(profile)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown robot profile '" + profile + "'; known: "
                + all.stream().map(Transport::profile).toList());
    }
}
