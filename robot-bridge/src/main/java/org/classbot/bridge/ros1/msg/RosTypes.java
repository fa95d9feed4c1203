package org.classbot.bridge.ros1.msg;

/** The ROS 1 message types ClassBot speaks over TCPROS (md5sums as {@code rosmsg md5} prints them). */
public final class RosTypes {

    public static final MessageType<RosTwist> TWIST = new MessageType<>("geometry_msgs/Twist",
            "9f195f881246fdfa2798d1d3eebca84a", t -> RosTwist.SIZE, RosTwist::write, RosTwist::read);

    public static final MessageType<RosOdometry> ODOMETRY = new MessageType<>("nav_msgs/Odometry",
            "cd5e73d190d741a2f92e81eda573aca7", RosOdometry::size, RosOdometry::write, RosOdometry::read);

    public static final MessageType<String> STRING = new MessageType<>("std_msgs/String",
            "992ce8a1687cec8c8bd883ec73ca41d1", MessageType::stringSize, (s, b) -> MessageType.putString(b, s),
            MessageType::getString);

    private RosTypes() {
    }
}
