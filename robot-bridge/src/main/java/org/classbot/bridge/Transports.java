package org.classbot.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link Transport} for a profile name among those on the class path. */
public final class Transports {

    private Transports() {
    }

    public static List<Transport> all() {
        List<Transport> out = new ArrayList<>();
        ServiceLoader.load(Transport.class, Transports.class.getClassLoader()).forEach(out::add);
        return out;
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
