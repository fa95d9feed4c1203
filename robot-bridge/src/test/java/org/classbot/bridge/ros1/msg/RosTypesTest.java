package org.classbot.bridge.ros1.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.classbot.bridge.Pose;
import org.classbot.bridge.Twist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Definitions, md5sums and byte layouts, checked against genmsg's rules and against rospy itself. */
class RosTypesTest {

    private static final Path PYTHON = Paths.get("/usr/bin/python3");

    @Test
    void should_compute_the_published_md5sums_from_the_definitions() {
        assertThat(RosTypes.TWIST.md5()).isEqualTo("9f195f881246fdfa2798d1d3eebca84a");
        assertThat(RosTypes.ODOMETRY.md5()).isEqualTo("cd5e73d190d741a2f92e81eda573aca7");
        assertThat(RosTypes.STRING.md5()).isEqualTo("992ce8a1687cec8c8bd883ec73ca41d1");
    }

    @Test
    void should_hash_constants_before_fields_as_genmsg_does() {
        // the text genmsg.gentools.compute_md5 hashes for this spec (its sum: 989006927bdb15a30e34048788072f9f)
        MessageDefinition d = MessageDefinition.parse("demo/Mode", "uint8 FAST=1 # comment\nuint8 mode\nstring NAME=a # b\n");
        assertThat(d.md5()).isEqualTo(md5("uint8 FAST=1\nstring NAME=a # b\nuint8 mode"));
    }

    @Test
    void should_serialize_twist_as_six_little_endian_doubles() {
        byte[] b = RosTypes.TWIST.serialize(RosTwist.of(Twist.of(1.0, -0.5)));
        assertThat(b).hasSize(48);
        assertThat(HexFormat.of().formatHex(b, 0, 8)).isEqualTo("000000000000f03f");
        assertThat(RosTypes.TWIST.deserialize(b).toTwist()).isEqualTo(Twist.of(1.0, -0.5));
    }

    @Test
    void should_round_trip_planar_odometry() {
        RosOdometry o = RosOdometry.planar(7, Instant.ofEpochSecond(1700000000, 123456789), "odom", "base_footprint",
                new Pose(1.25, -0.5, 2.5), Twist.of(0.2, -0.1));
        RosOdometry back = RosTypes.ODOMETRY.deserialize(RosTypes.ODOMETRY.serialize(o));
        assertThat(back).isEqualTo(o);
        assertThat(back.pose().theta()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void should_refuse_truncated_or_oversized_messages() {
        byte[] b = RosTypes.STRING.serialize("hello");
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
        assertThatThrownBy(() -> RosTypes.STRING.deserialize(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> RosTypes.TWIST.deserialize(new byte[40])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated geometry_msgs/Twist");
        assertThatThrownBy(() -> RosTypes.TWIST.deserialize(new byte[49])).hasMessageContaining("trailing");
    }

    @Test
    void should_match_rospy_definitions_md5sums_and_bytes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with ROS 1 messages (python3-geometry-msgs, python3-nav-msgs)");
        String script = String.join("\n",
                "import io, sys, math",
                "from geometry_msgs.msg import Twist",
                "from nav_msgs.msg import Odometry",
                "from std_msgs.msg import String",
                "import rospy",
                "def hexof(m):",
                "    b = io.BytesIO(); m.serialize(b); return b.getvalue().hex()",
                "for c in (Twist, Odometry, String):",
                "    print(c._type, c._md5sum, c._full_text.encode('utf-8').hex())",
                "t = Twist(); t.linear.x = 0.25; t.angular.z = -1.5",
                "print('twist', hexof(t))",
                "o = Odometry(); o.header.seq = 3; o.header.stamp = rospy.Time(1700000000, 5); o.header.frame_id = 'odom'",
                "o.child_frame_id = 'base_footprint'; o.pose.pose.position.x = 1.0; o.pose.pose.position.y = 2.0",
                "o.pose.pose.orientation.z = math.sin(0.25); o.pose.pose.orientation.w = math.cos(0.25)",
                "o.twist.twist.linear.x = 0.5; o.twist.twist.angular.z = 0.125",
                "print('odom', hexof(o))",
                "print('string', hexof(String(data='你好 robot')))");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(p.exitValue() == 0, "ROS 1 python messages not installed: " + out);
        List<String> lines = out.lines().toList();
        for (MessageType<?> t : List.of(RosTypes.TWIST, RosTypes.ODOMETRY, RosTypes.STRING)) {
            String line = lines.stream().filter(l -> l.startsWith(t.name() + " ")).findFirst().orElseThrow();
            String[] f = line.split(" ");
            assertThat(t.md5()).as(t.name() + " md5").isEqualTo(f[1]);
            assertThat(t.definition()).as(t.name() + " definition").isEqualTo(new String(HexFormat.of().parseHex(f[2]), StandardCharsets.UTF_8));
        }
        assertThat(hex(lines, "twist")).isEqualTo(RosTypes.TWIST.serialize(RosTwist.of(Twist.of(0.25, -1.5))));
        RosOdometry o = RosOdometry.planar(3, Instant.ofEpochSecond(1700000000, 5), "odom", "base_footprint",
                new Pose(1.0, 2.0, 0.5), Twist.of(0.5, 0.125));
        assertThat(hex(lines, "odom")).isEqualTo(RosTypes.ODOMETRY.serialize(o));
        assertThat(RosTypes.ODOMETRY.deserialize(hex(lines, "odom"))).isEqualTo(o);
        assertThat(hex(lines, "string")).isEqualTo(RosTypes.STRING.serialize("你好 robot"));
    }

    private static byte[] hex(List<String> lines, String key) {
        return HexFormat.of().parseHex(lines.stream().filter(l -> l.startsWith(key + " ")).findFirst().orElseThrow()
                .substring(key.length() + 1).trim());
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
