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

    /** Every option of every transport with its default ({@link Transport#options()}), sorted. */
    public static java.util.SortedMap<String, String> options() {
        java.util.SortedMap<String, String> m = new java.util.TreeMap<>();
        for (Transport t : all()) {
            m.putAll(t.options());
        }
        return m;
    }

    /**
     * Refuses a spec with an option no transport reads (a typo would otherwise be ignored silently).
     *
     * @throws IllegalArgumentException naming the option and the nearest known one
     */
    public static void checkOptions(ConnectionSpec spec) {
        java.util.SortedMap<String, String> known = options();
        for (String k : spec.options().keySet()) {
            if (!known.containsKey(k)) {
                String near = nearest(known.keySet(), k);
                throw new IllegalArgumentException("unknown robot option '" + k + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                        + " (robot.options." + k + " in classbot.yaml or --robot-option; known: see classbot-defaults.yaml robot.options)"
                        + " / 未知的机器人选项 '" + k + "'" + (near == null ? "" : "，是否想写 '" + near + "'？"));
            }
        }
    }

    /**
     * The known name nearest to {@code key} by edit distance, or null when none is within
     * max(3, length / 3) edits: the one "did you mean" rule for robot options and (in launch) for
     * configuration keys.
     */
    public static String nearest(java.util.Collection<String> known, String key) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(k, key);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return bestD <= Math.max(3, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
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
