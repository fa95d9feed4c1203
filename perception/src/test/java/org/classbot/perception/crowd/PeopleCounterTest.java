package org.classbot.perception.crowd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.classbot.perception.Box;
import org.classbot.perception.pipeline.PersonPose;

/** People over a scripted video: walkers with known paths, a tracker break, a flicker, a counting line. */
class PeopleCounterTest {

    private static PersonPose walker(int trackId, double x, double y) {
        return new PersonPose(trackId, new Box(x - 15, y - 80, x + 15, y), null);
    }

    @Test
    void should_count_each_walker_once_join_a_tracker_break_and_drop_a_flicker() {
        PeopleCounter counter = new PeopleCounter();
        double fps = 10;
        for (int f = 0; f < 200; f++) {
            double t = f / fps;
            List<PersonPose> seen = new ArrayList<>();
            seen.add(walker(1, 20 + 30 * t, 300));                        // A walks right all the time
            if (t >= 2 && t < 12) {                                        // B walks left; hidden 6.0-7.0 s, then a new track id
                seen.add(walker(t < 6 ? 2 : 7, 600 - 40 * (t - 2), 360));
                if (t >= 6 && t < 7) {
                    seen.remove(seen.size() - 1);
                }
            }
            if (f == 50 || f == 51) {                                      // a two-frame false detection
                seen.add(walker(9, 400, 100));
            }
            if (t >= 10) {                                                 // C arrives late
                seen.add(walker(4, 300, 200 + 10 * (t - 10)));
            }
            counter.update(t, seen);
        }
        assertThat(counter.uniquePeople()).isEqualTo(3);
        assertThat(counter.joinedBreaks()).isEqualTo(1);
        assertThat(counter.people()).extracting(PeopleCounter.Person::trackIds)
                .containsExactly(List.of(1), List.of(2, 7), List.of(4));
        assertThat(counter.people().get(1).firstSeconds()).isEqualTo(2.0);
        assertThat(counter.people().get(1).lastSeconds()).isCloseTo(11.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(counter.maxInView()).isEqualTo(3);
        assertThat(counter.inView()).first().isEqualTo(new PeopleCounter.InView(0, 1));
    }

    @Test
    void should_not_join_a_new_person_who_appears_far_from_where_anyone_was_heading() {
        PeopleCounter counter = new PeopleCounter();
        for (int f = 0; f < 100; f++) {
            double t = f / 10.0;
            List<PersonPose> seen = new ArrayList<>();
            if (t < 5) {
                seen.add(walker(1, 100 + 20 * t, 300));
            } else if (t >= 5.5) {
                seen.add(walker(2, 600, 300)); // somebody else, across the room
            }
            counter.update(t, seen);
        }
        assertThat(counter.uniquePeople()).isEqualTo(2);
        assertThat(counter.joinedBreaks()).isZero();
    }

    @Test
    void should_count_entries_and_exits_across_a_line() {
        // a vertical line x = 300 drawn downwards: walker 1 crosses it one way, walker 2 the other
        PeopleCounter counter = new PeopleCounter(PeopleCounter.Settings.defaults(), PeopleCounter.Line.parse("300,0,300,480"));
        for (int f = 0; f < 100; f++) {
            double t = f / 10.0;
            counter.update(t, List.of(walker(1, 100 + 40 * t, 300), walker(2, 550 - 40 * t, 380)));
        }
        assertThat(counter.entries()).isEqualTo(1);
        assertThat(counter.exits()).isEqualTo(1);
        assertThat(counter.crossings()).extracting(PeopleCounter.Crossing::person).containsExactlyInAnyOrder(1, 2);
        assertThatThrownBy(() -> PeopleCounter.Line.parse("1,2,3")).hasMessageContaining("x1,y1,x2,y2");
    }
}
