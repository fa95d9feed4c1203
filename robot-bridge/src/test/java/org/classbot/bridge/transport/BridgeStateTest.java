package org.classbot.bridge.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Twist;
import org.junit.jupiter.api.Test;

class BridgeStateTest {

    private final AtomicBoolean link = new AtomicBoolean();
    private final BridgeState state = new BridgeState(link::get);
    private final List<RobotState> seen = new CopyOnWriteArrayList<>();

    @Test
    void should_start_disconnected_at_the_origin() {
        assertThat(state.get()).isEqualTo(RobotState.disconnected());
    }

    @Test
    void should_deliver_a_connected_change_once() throws Exception {
        state.subscribe(seen::add);
        link.set(true);
        assertThat(state.refreshConnected()).hasValueSatisfying(s -> assertThat(s.connected()).isTrue());
        assertThat(state.refreshConnected()).isEmpty();
        link.set(false);
        assertThat(state.refreshConnected()).hasValueSatisfying(s -> assertThat(s.connected()).isFalse());
        assertThat(seen).extracting(RobotState::connected).containsExactly(true, false);
    }

    @Test
    void should_store_and_deliver_odometry_with_the_link_as_it_is_now() {
        state.subscribe(seen::add);
        link.set(true);
        long before = System.currentTimeMillis();
        state.odometry(new Pose(1, 2, 0.5), new Twist(0.2, 0.1));
        RobotState s = state.get();
        assertThat(s.pose()).isEqualTo(new Pose(1, 2, 0.5));
        assertThat(s.velocity()).isEqualTo(new Twist(0.2, 0.1));
        assertThat(s.connected()).isTrue();
        assertThat(s.battery()).isEmpty();
        assertThat(s.estopped()).isFalse();
        assertThat(s.timestampMillis()).isGreaterThanOrEqualTo(before);
        assertThat(seen).containsExactly(s);
    }

    @Test
    void should_keep_delivering_to_others_when_a_listener_fails_and_stop_after_unsubscribe() throws Exception {
        state.subscribe(s -> {
            throw new IllegalStateException("listener broke");
        });
        AutoCloseable handle = state.subscribe(seen::add);
        link.set(true);
        state.refreshConnected();
        handle.close();
        link.set(false);
        state.refreshConnected();
        assertThat(seen).hasSize(1);
        assertThat(state.get().connected()).isFalse();
    }
}
