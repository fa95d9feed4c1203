package org.classbot.bridge.ros1.msg;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

import org.classbot.bridge.Pose;
import org.classbot.bridge.Twist;

/**
 * nav_msgs/Odometry, the parts a ground robot uses: header (seq, stamp, frame), child frame, 3-D
 * position, orientation quaternion and the twist. The two 6x6 covariance matrices are written as
 * zeros ("unknown") and skipped when read. Shared by ROS 1 (TCPROS) and rosbridge (JSON).
 */
public record RosOdometry(long seq, Instant stamp, String frameId, String childFrameId,
                          double x, double y, double z, double qx, double qy, double qz, double qw,
                          RosTwist twist) {

    private static final int COVARIANCE = 36;

    public RosOdometry {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(childFrameId, "childFrameId");
        Objects.requireNonNull(twist, "twist");
    }

    /** A planar robot's odometry: yaw becomes a quaternion about z. */
    public static RosOdometry planar(long seq, Instant stamp, String frameId, String childFrameId, Pose pose,
                                     Twist velocity) {
        double half = pose.theta() / 2;
        return new RosOdometry(seq, stamp, frameId, childFrameId, pose.x(), pose.y(), 0,
                0, 0, Math.sin(half), Math.cos(half), RosTwist.of(velocity));
    }

    /** Heading about z (REP-103), from the quaternion. */
    public double yaw() {
        return Math.atan2(2 * (qw * qz + qx * qy), 1 - 2 * (qy * qy + qz * qz));
    }

    public Pose pose() {
        return new Pose(x, y, yaw());
    }

    public Twist velocity() {
        return twist.toTwist();
    }

    int size() {
        return 4 + 8 + MessageType.stringSize(frameId) + MessageType.stringSize(childFrameId)
                + 7 * 8 + COVARIANCE * 8 + RosTwist.SIZE + COVARIANCE * 8;
    }

    void write(ByteBuffer b) {
        b.putInt((int) seq);
        b.putInt((int) stamp.getEpochSecond());
        b.putInt(stamp.getNano());
        MessageType.putString(b, frameId);
        MessageType.putString(b, childFrameId);
        b.putDouble(x).putDouble(y).putDouble(z);
        b.putDouble(qx).putDouble(qy).putDouble(qz).putDouble(qw);
        for (int i = 0; i < COVARIANCE; i++) {
            b.putDouble(0);
        }
        twist.write(b);
        for (int i = 0; i < COVARIANCE; i++) {
            b.putDouble(0);
        }
    }

    static RosOdometry read(ByteBuffer b) {
        long seq = Integer.toUnsignedLong(b.getInt());
        long secs = Integer.toUnsignedLong(b.getInt());
        long nsecs = Integer.toUnsignedLong(b.getInt());
        String frame = MessageType.getString(b);
        String child = MessageType.getString(b);
        double px = b.getDouble();
        double py = b.getDouble();
        double pz = b.getDouble();
        double ox = b.getDouble();
        double oy = b.getDouble();
        double oz = b.getDouble();
        double ow = b.getDouble();
        b.position(b.position() + COVARIANCE * 8);
        RosTwist t = RosTwist.read(b);
        b.position(b.position() + COVARIANCE * 8);
        return new RosOdometry(seq, Instant.ofEpochSecond(secs, nsecs), frame, child, px, py, pz, ox, oy, oz, ow, t);
    }
}
