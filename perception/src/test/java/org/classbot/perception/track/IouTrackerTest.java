package org.classbot.perception.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.classbot.perception.Box;
import org.classbot.perception.Detection;
import org.junit.jupiter.api.Test;

class IouTrackerTest {

    private static Detection person(double cx, double cy) {
        return Detection.coco(Box.ofCenter(cx, cy, 40, 100), 0, 0.9);
    }

    @Test
    void should_keep_ids_of_two_walkers_passing_each_other_with_noise_and_misses() {
        IouTracker tracker = new IouTracker();
        Random r = new Random(3);
        List<Track> first = tracker.update(0, List.of(person(100, 200), person(500, 230)));
        int left = first.get(0).id(), right = first.get(1).id();
        for (int f = 1; f < 80; f++) {
            List<Detection> dets = new ArrayList<>();
            if (f % 7 != 3) { // the left walker is missed every 7th frame
                dets.add(person(100 + 5 * f + r.nextGaussian(), 200 + r.nextGaussian()));
            }
            dets.add(person(500 - 5 * f + r.nextGaussian(), 230 + r.nextGaussian()));
            java.util.Collections.shuffle(dets, r);
            Map<Integer, Track> byId = tracker.update(f, dets).stream()
                    .collect(Collectors.toMap(Track::id, t -> t));
            assertThat(byId.keySet()).containsExactlyInAnyOrder(left, right);
            assertThat(byId.get(right).box().centerX()).isCloseTo(500 - 5 * f, org.assertj.core.data.Offset.offset(4.0));
            if (f % 7 != 3) {
                assertThat(byId.get(left).box().centerX()).isCloseTo(100 + 5 * f, org.assertj.core.data.Offset.offset(4.0));
            } else {
                assertThat(byId.get(left).missed()).isEqualTo(1);
            }
        }
    }

    @Test
    void should_follow_a_small_fast_object_whose_boxes_no_longer_overlap() {
        IouTracker tracker = new IouTracker();
        int id = tracker.update(0, List.of(person(100, 100))).get(0).id();
        for (int f = 1; f < 10; f++) {
            List<Track> ts = tracker.update(f, List.of(person(100 + 35 * f, 100)));
            assertThat(ts).extracting(Track::id).containsExactly(id);
        }
    }

    @Test
    void should_end_a_lost_track_and_never_reuse_its_id() {
        IouTracker tracker = new IouTracker(0.3, 0.5, 3, 2);
        int id = tracker.update(0, List.of(person(100, 100))).get(0).id();
        for (int f = 1; f <= 4; f++) {
            tracker.update(f, List.of());
        }
        assertThat(tracker.tracks()).isEmpty();
        List<Track> again = tracker.update(5, List.of(person(100, 100)));
        assertThat(again).extracting(Track::id).containsExactly(id + 1);
        assertThat(again.get(0).confirmed()).isFalse();
        assertThat(tracker.update(6, List.of(person(101, 100))).get(0).confirmed()).isTrue();
    }

    @Test
    void should_not_pair_different_classes() {
        IouTracker tracker = new IouTracker();
        tracker.update(0, List.of(person(100, 100)));
        List<Track> ts = tracker.update(1, List.of(Detection.coco(Box.ofCenter(100, 100, 40, 100), 56, 0.8)));
        assertThat(ts).hasSize(2);
        assertThat(ts).extracting(t -> t.detection().label()).containsExactly("person", "chair");
    }
}
