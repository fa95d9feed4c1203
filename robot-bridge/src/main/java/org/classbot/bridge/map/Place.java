package org.classbot.bridge.map;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.classbot.bridge.Pose;

/**
 * A named place in the classroom ({@code go_to} target): its canonical name (e.g.
 * {@code charging_station}), the pose to stop at, and other names people use ("充电站", "charger").
 */
public record Place(String name, Pose pose, List<String> aliases) {

    public Place {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pose, "pose");
        aliases = List.copyOf(aliases);
    }

    /** Whether the words name this place: the name or an alias, ignoring case, spaces, '_' and '-'. */
    public boolean matches(String words) {
        String w = normalize(words);
        if (w.equals(normalize(name))) {
            return true;
        }
        for (String a : aliases) {
            if (w.equals(normalize(a))) {
                return true;
            }
        }
        return false;
    }

    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
    }
}
