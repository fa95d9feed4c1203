#!/usr/bin/python3
"""Benchmark baseline publisher: rospy (the library behind `rostopic pub`) sends geometry_msgs/Twist
with linear.x = sequence number and linear.y = wall-clock send time (epoch seconds).
Usage: bench_pub.py TOPIC COUNT GAP_S"""
import sys
import time

import rospy
from geometry_msgs.msg import Twist


def main():
    topic, count, gap = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    rospy.init_node("bench_pub", anonymous=True, disable_signals=True)
    pub = rospy.Publisher(topic, Twist, queue_size=1000, tcp_nodelay=True)
    while pub.get_num_connections() == 0:
        time.sleep(0.01)
    time.sleep(0.5)
    for seq in range(1, count + 1):
        t = Twist()
        t.linear.x = float(seq)
        t.linear.y = time.time()
        pub.publish(t)
        time.sleep(gap)
    print("bench_pub done", flush=True)
    time.sleep(1.0)


if __name__ == "__main__":
    main()
