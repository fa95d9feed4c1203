package org.classbot.bridge.map;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.classbot.bridge.Pose;

/**
 * The classroom as the robot knows it: the wall outline (the simulator's walls), the places it can
 * go to, and the geofence the safety governor keeps it in. Map frame: metres, x forward from the
 * robot's home pose, y to its left.
 */
public record RoomMap(Polygon walls, List<Place> places, Polygon geofence) {

    public RoomMap {
        Objects.requireNonNull(walls, "walls");
        Objects.requireNonNull(geofence, "geofence");
        places = List.copyOf(places);
    }

    /**
     * The built-in classroom (the same values as the {@code robot:} section of classbot-defaults.yaml):
     * 8 m x 6 m around the home pose, a geofence 0.3 m inside the walls, and five places.
     */
    public static RoomMap classroom() {
        return new RoomMap(Polygon.rectangle(-4, -3, 4, 3), List.of(
                new Place("door", new Pose(3.2, -2.2, 0), List.of("门", "门口", "entrance", "exit")),
                new Place("whiteboard", new Pose(0.0, 2.2, Math.PI / 2), List.of("白板", "黑板", "board", "blackboard")),
                new Place("charging_station", new Pose(-3.2, -2.2, Math.PI), List.of("充电站", "充电桩", "charger", "dock")),
                new Place("teacher_desk", new Pose(2.5, 1.5, 0), List.of("讲台", "讲桌", "teacher's desk", "desk", "podium")),
                new Place("center", new Pose(0, 0, 0), List.of("中间", "教室中间", "middle", "home"))),
                Polygon.rectangle(-3.7, -2.7, 3.7, 2.7));
    }

    /** The place the words name (name or alias), if any. */
    public Optional<Place> place(String words) {
        return places.stream().filter(p -> p.matches(words)).findFirst();
    }
}
