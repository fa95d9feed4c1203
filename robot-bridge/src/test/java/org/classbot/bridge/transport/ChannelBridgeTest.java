package org.classbot.bridge.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.classbot.bridge.Pose;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.Twist;
import org.junit.jupiter.api.Test;

/** The one link rule and the stop/close semantics every transport inherits, on a counter clock. */
class ChannelBridgeTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    /** A channel whose every answer the test sets. */
    final class FakeChannel extends ChannelBridge {
        volatile boolean up = true;
        volatile Reach reach = Reach.UNKNOWN;
        volatile String problem;
        final List<Twist> published = new CopyOnWriteArrayList<>();
        volatile boolean closedChannel;

        FakeChannel(Duration odomTimeout) {
            super("fake", odomTimeout, clock::get);
        }

        @Override
        protected boolean transportUp() {
            return up;
        }

        @Override
        protected Reach robotReach() {
            return reach;
        }

        @Override
        protected void publish(Twist twist) {
            if (!up) {
                throw new IllegalStateException("down");
            }
            published.add(twist);
        }

        @Override
        protected void closeChannel() {
            closedChannel = true;
        }

        @Override
        protected Optional<String> channelProblem() {
            return Optional.ofNullable(problem);
        }

        void odom(double x) {
            odometry(new Pose(x, 0, 0), Twist.of(0.1, 0), 0);
        }
    }

    @Test
    void should_need_a_listener_or_flowing_odometry_for_link_up() {
        FakeChannel b = new FakeChannel(Duration.ofMillis(500));
        b.linkChanged();
        assertThat(b.state().connected()).as("transport up, nobody there").isFalse();
        b.reach = ChannelBridge.Reach.LISTENING;
        b.linkChanged();
        assertThat(b.state().connected()).as("a subscriber to the command topic").isTrue();
        b.reach = ChannelBridge.Reach.UNKNOWN;
        b.linkChanged();
        assertThat(b.state().connected()).isFalse();
        b.odom(1.0);
        assertThat(b.state().connected()).as("odometry flowing").isTrue();
        assertThat(b.state().pose().x()).isEqualTo(1.0);
        b.reach = ChannelBridge.Reach.GONE;
        b.linkChanged();
        assertThat(b.state().connected()).as("the robot said it left").isFalse();
        assertThat(b.state().velocity()).isEqualTo(Twist.ZERO);
    }

    @Test
    void should_report_a_stalled_robot_as_gone_until_odometry_returns() {
        FakeChannel b = new FakeChannel(Duration.ofMillis(500));
        List<Boolean> links = new CopyOnWriteArrayList<>();
        b.subscribe(s -> links.add(s.connected()));
        b.reach = ChannelBridge.Reach.LISTENING;
        b.odom(0.5);
        clock.addAndGet(400_000_000L);
        b.checkOdometry();
        assertThat(b.state().connected()).as("400 ms: still fresh").isTrue();
        clock.addAndGet(200_000_000L);
        b.checkOdometry();
        assertThat(b.state().connected()).as("600 ms silent: stalled, even with a subscriber").isFalse();
        assertThat(b.problem()).hasValueSatisfying(p -> assertThat(p).contains("odometry").contains("里程计"));
        b.odom(0.6);
        assertThat(b.state().connected()).isTrue();
        assertThat(b.problem()).isEmpty();
        assertThat(links).containsSubsequence(true, false, true);
    }

    @Test
    void should_count_a_failed_operation_as_link_down_and_say_what_failed() {
        FakeChannel b = new FakeChannel(Duration.ZERO);
        b.reach = ChannelBridge.Reach.LISTENING;
        b.odom(0);
        b.problem = "the server refused advertise /cmd_vel";
        b.linkChanged();
        assertThat(b.state().connected()).isFalse();
        assertThat(b.problem()).contains("the server refused advertise /cmd_vel");
    }

    @Test
    void should_send_finite_commands_stop_with_zero_and_close_with_a_final_zero() {
        FakeChannel b = new FakeChannel(Duration.ZERO);
        b.send(Twist.of(0.2, 0.1));
        b.stop();
        assertThatThrownBy(() -> b.send(Twist.of(Double.NaN, 0))).isInstanceOf(IllegalArgumentException.class);
        b.close();
        assertThat(b.published).containsExactly(Twist.of(0.2, 0.1), Twist.ZERO, Twist.ZERO);
        assertThat(b.closedChannel).isTrue();
        assertThat(b.state().connected()).isFalse();
        assertThatThrownBy(() -> b.send(Twist.of(0.1, 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_close_without_a_zero_when_the_transport_is_down_and_carry_the_robots_status() {
        FakeChannel b = new FakeChannel(Duration.ZERO);
        b.robotStatus(OptionalDouble.of(0.8), true);
        RobotState s = b.state();
        assertThat(s.battery()).hasValue(0.8);
        assertThat(s.estopped()).isTrue();
        b.up = false;
        assertThat(b.problem()).hasValueSatisfying(p -> assertThat(p).contains("link to fake is lost").contains("连接已断开"));
        assertThatThrownBy(b::stop).as("a stop that cannot leave is not reported as sent").isInstanceOf(IllegalStateException.class);
        b.close();
        assertThat(b.published).isEmpty();
        assertThat(b.closedChannel).isTrue();
    }
}
