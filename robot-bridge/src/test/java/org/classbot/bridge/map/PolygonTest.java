package org.classbot.bridge.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PolygonTest {

    private final Polygon square = Polygon.rectangle(-1, -1, 1, 1);
    /** An L-shaped room: a concave outline. */
    private final Polygon ell = Polygon.parse("0,0 4,0 4,1 1,1 1,3 0,3");

    @Test
    void should_tell_inside_from_outside_including_concave_corners() {
        assertThat(square.contains(0, 0)).isTrue();
        assertThat(square.contains(1, 0)).as("on an edge").isTrue();
        assertThat(square.contains(1.01, 0)).isFalse();
        assertThat(ell.contains(0.5, 2.5)).isTrue();
        assertThat(ell.contains(3, 0.5)).isTrue();
        assertThat(ell.contains(3, 2)).as("the missing corner of the L").isFalse();
    }

    @Test
    void should_agree_with_a_brute_force_rectangle_check_on_random_points() {
        Random r = new Random(7);
        Polygon rect = Polygon.rectangle(-3.7, -2.7, 3.7, 2.7);
        for (int i = 0; i < 10_000; i++) {
            double x = r.nextDouble() * 10 - 5;
            double y = r.nextDouble() * 8 - 4;
            boolean inside = x >= -3.7 && x <= 3.7 && y >= -2.7 && y <= 2.7;
            assertThat(rect.contains(x, y)).as("(%s, %s)", x, y).isEqualTo(inside);
            double clearance = inside ? Math.min(Math.min(x + 3.7, 3.7 - x), Math.min(y + 2.7, 2.7 - y)) : -1;
            if (inside) {
                assertThat(rect.clearance(x, y)).isCloseTo(clearance, within(1e-9));
            } else {
                assertThat(rect.clearance(x, y)).isNegative();
            }
        }
    }

    @Test
    void should_measure_the_free_distance_along_a_ray() {
        assertThat(square.rayDistance(0, 0, 1, 0)).isCloseTo(1.0, within(1e-12));
        assertThat(square.rayDistance(0.5, 0, -1, 0)).isCloseTo(1.5, within(1e-12));
        double d = Math.sqrt(0.5);
        assertThat(square.rayDistance(0, 0, d, d)).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(ell.rayDistance(0.5, 0.5, 1, 0)).isCloseTo(3.5, within(1e-12));
        assertThat(ell.rayDistance(2, 0.5, 0, 1)).as("up into the missing corner").isCloseTo(0.5, within(1e-12));
        assertThat(square.rayDistance(5, 5, 1, 0)).isInfinite();
    }

    @Test
    void should_parse_and_format_vertex_lists_and_refuse_bad_ones() {
        assertThat(Polygon.parse(square.format())).isEqualTo(square);
        assertThat(Polygon.parse("0,0; 1,0; 1,1").vertices()).hasSize(3);
        assertThatThrownBy(() -> Polygon.parse("0,0 1,0")).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> Polygon.parse("0,0 1,x 1,1")).hasMessageContaining("'1,x'");
        assertThatThrownBy(() -> new Point(Double.NaN, 0)).hasMessageContaining("finite");
    }

    @Test
    void should_find_places_by_name_or_alias() {
        RoomMap room = RoomMap.classroom();
        assertThat(room.place("charging station")).map(Place::name).hasValue("charging_station");
        assertThat(room.place("充电桩")).map(Place::name).hasValue("charging_station");
        assertThat(room.place("WhiteBoard")).map(Place::name).hasValue("whiteboard");
        assertThat(room.place("门口")).map(Place::name).hasValue("door");
        assertThat(room.place("kitchen")).isEmpty();
        for (Place p : room.places()) {
            assertThat(room.geofence().contains(p.pose().x(), p.pose().y())).as(p.name() + " inside the fence").isTrue();
        }
        assertThat(room.places()).extracting(Place::name).containsAll(List.of("door", "whiteboard", "charging_station"));
    }
}
