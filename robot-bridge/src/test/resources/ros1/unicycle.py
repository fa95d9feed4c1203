#!/usr/bin/python3
"""A small ROS 1 robot base for ClassBot's tests: a unicycle (differential drive) that integrates
geometry_msgs/Twist from /cmd_vel at 50 Hz and publishes nav_msgs/Odometry on /odom.
Like a real base it stops when no command arrived for 0.5 s. Run with ROS_MASTER_URI set."""
import math
import sys
import time

import rospy
from geometry_msgs.msg import Twist
from nav_msgs.msg import Odometry

WATCHDOG_S = 0.5
RATE_HZ = 50


def main():
    rospy.init_node("unicycle", disable_signals=True)
    cmd_topic = rospy.get_param("~cmd_vel", "/cmd_vel")
    odom_topic = rospy.get_param("~odom", "/odom")
    state = {"v": 0.0, "w": 0.0, "t": 0.0}

    def on_cmd(msg):
        state["v"], state["w"], state["t"] = msg.linear.x, msg.angular.z, time.monotonic()

    rospy.Subscriber(cmd_topic, Twist, on_cmd, queue_size=10)
    pub = rospy.Publisher(odom_topic, Odometry, queue_size=10)
    x = y = th = 0.0
    seq = 0
    last = time.monotonic()
    print("unicycle ready", flush=True)
    while not rospy.is_shutdown():
        now = time.monotonic()
        dt, last = now - last, now
        fresh = now - state["t"] <= WATCHDOG_S
        v, w = (state["v"], state["w"]) if fresh else (0.0, 0.0)
        x += v * math.cos(th) * dt
        y += v * math.sin(th) * dt
        th = math.atan2(math.sin(th + w * dt), math.cos(th + w * dt))
        odom = Odometry()
        seq += 1
        odom.header.seq = seq
        odom.header.stamp = rospy.Time.now()
        odom.header.frame_id = "odom"
        odom.child_frame_id = "base_footprint"
        odom.pose.pose.position.x = x
        odom.pose.pose.position.y = y
        odom.pose.pose.orientation.z = math.sin(th / 2)
        odom.pose.pose.orientation.w = math.cos(th / 2)
        odom.twist.twist.linear.x = v
        odom.twist.twist.angular.z = w
        pub.publish(odom)
        time.sleep(1.0 / RATE_HZ)
    return 0


if __name__ == "__main__":
    sys.exit(main())
