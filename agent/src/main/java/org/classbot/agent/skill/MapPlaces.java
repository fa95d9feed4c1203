package org.classbot.agent.skill;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.RoomMap;

/** The planner's place names come from the robot's map: its places and their aliases. */
public final class MapPlaces {

    private MapPlaces() {
    }

    public static PlaceCatalog catalog(RoomMap map) {
        Map<String, List<String>> places = new LinkedHashMap<>();
        for (Place p : map.places()) {
            places.put(p.name(), p.aliases());
        }
        return PlaceCatalog.of(places);
    }
}
