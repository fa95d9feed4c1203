package org.classbot.agent.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named places a {@code go_to} may name (from the robot's map configuration), each with the
 * words people use for it. The canonical name is what goes into the action.
 */
public final class PlaceCatalog {

    /** Aliases for the places of the default classroom map; used for those names when configured. */
    private static final Map<String, List<String>> KNOWN_ALIASES = Map.of(
            "door", List.of("门口", "教室门口", "大门", "门", "door", "doorway", "entrance", "exit", "出口", "入口"),
            "whiteboard", List.of("白板", "黑板", "白板前", "whiteboard", "white board", "blackboard", "board"),
            "charging_station", List.of("充电站", "充电桩", "充电座", "充电的地方", "充电处", "charging station",
                    "charging dock", "charger", "charging point", "dock", "docking station", "base station"),
            "teacher_desk", List.of("讲台", "讲桌", "老师的桌子", "teacher's desk", "teacher desk", "teachers desk", "podium", "lectern"),
            "window", List.of("窗户", "窗边", "窗口", "窗前", "window"),
            "origin", List.of("起点", "原点", "出发点", "start", "starting point", "origin", "home position"));

    private final Map<String, Set<String>> places;

    private PlaceCatalog(Map<String, Set<String>> places) {
        this.places = places;
    }

    /** The default classroom's places: door, whiteboard, charging_station. */
    public static PlaceCatalog defaults() {
        return ofNames(List.of("door", "whiteboard", "charging_station"));
    }

    /** Places by name, with the built-in aliases for well-known names and the name itself as words. */
    public static PlaceCatalog ofNames(Collection<String> names) {
        Builder b = builder();
        for (String n : names) {
            b.place(n, KNOWN_ALIASES.getOrDefault(n.toLowerCase(Locale.ROOT), List.of()));
        }
        return b.build();
    }

    /**
     * Places from the map configuration (name → the aliases configured there), plus the built-in
     * aliases for well-known names (door, whiteboard, charging_station, teacher_desk, window, origin).
     */
    public static PlaceCatalog of(Map<String, ? extends Collection<String>> placesWithAliases) {
        Builder b = builder();
        placesWithAliases.forEach((name, aliases) -> {
            List<String> all = new ArrayList<>(aliases);
            all.addAll(KNOWN_ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
            b.place(name, all);
        });
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> names() {
        return List.copyOf(places.keySet());
    }

    public Set<String> aliases(String place) {
        return places.getOrDefault(place, Set.of());
    }

    public boolean contains(String place) {
        return places.containsKey(place);
    }

    /** The place where the robot charges, if the map has one (name or alias mentions charging). */
    public Optional<String> chargingPlace() {
        for (Map.Entry<String, Set<String>> e : places.entrySet()) {
            if (e.getKey().contains("charg") || e.getValue().stream().anyMatch(a -> a.contains("充电") || a.contains("charg"))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** All (alias, place) pairs, longest alias first, lower-case. */
    public List<Map.Entry<String, String>> aliasIndex() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        places.forEach((name, aliases) -> aliases.forEach(a -> out.add(Map.entry(a, name))));
        out.sort((x, y) -> Integer.compare(y.getKey().length(), x.getKey().length()));
        return out;
    }

    @Override
    public String toString() {
        return places.keySet().toString();
    }

    public static final class Builder {
        private final Map<String, Set<String>> places = new LinkedHashMap<>();

        /** Adds a place (or more aliases to one); the name and its spaced form are aliases too. */
        public Builder place(String name, Collection<String> aliases) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a place needs a name");
            }
            Set<String> set = places.computeIfAbsent(name.strip(), k -> new LinkedHashSet<>());
            set.add(name.strip().toLowerCase(Locale.ROOT));
            set.add(name.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' '));
            for (String a : aliases) {
                if (a != null && !a.isBlank()) {
                    set.add(a.strip().toLowerCase(Locale.ROOT));
                }
            }
            return this;
        }

        public PlaceCatalog build() {
            Map<String, Set<String>> copy = new LinkedHashMap<>();
            places.forEach((k, v) -> copy.put(k, Set.copyOf(new ArrayList<>(v))));
            return new PlaceCatalog(copy);
        }
    }
}
