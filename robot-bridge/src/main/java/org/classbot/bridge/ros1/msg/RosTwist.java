package org.classbot.bridge.ros1.msg;

import java.nio.ByteBuffer;

import org.classbot.bridge.Twist;

/** geometry_msgs/Twist with all six axes (a ground robot uses linear.x and angular.z). */
public record RosTwist(double linearX, double linearY, double linearZ,
                       double angularX, double angularY, double angularZ) {

    static final int SIZE = 6 * 8;

    public static RosTwist of(Twist t) {
        return new RosTwist(t.linear(), 0, 0, 0, 0, t.angular());
    }

    /** The ground-robot reading: linear.x and angular.z. */
    public Twist toTwist() {
        return new Twist(linearX, angularZ);
    }

    void write(ByteBuffer b) {
        b.putDouble(linearX).putDouble(linearY).putDouble(linearZ)
                .putDouble(angularX).putDouble(angularY).putDouble(angularZ);
    }

    static RosTwist read(ByteBuffer b) {
        return new RosTwist(b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble());
    }
}
