#!/usr/bin/python3
"""Benchmark sink: a rospy subscriber that counts geometry_msgs/Twist messages of one run
(linear.x = sequence 1..n) and, on the end marker (linear.z = -1, linear.x = n), prints
"run SENT RECEIVED INORDER". Usage: bench_count.py TOPIC"""
import sys

import rospy
from geometry_msgs.msg import Twist

state = {"count": 0, "last": 0, "inorder": True}


def on_msg(m):
    if m.linear.z == -1.0:
        print("run %d %d %s" % (int(m.linear.x), state["count"], state["inorder"]), flush=True)
        state.update(count=0, last=0, inorder=True)
        return
    seq = int(m.linear.x)
    if seq != state["last"] + 1:
        state["inorder"] = False
    state["last"] = seq
    state["count"] += 1


def main():
    rospy.init_node("bench_count", anonymous=True, disable_signals=True)
    rospy.Subscriber(sys.argv[1], Twist, on_msg, queue_size=None, tcp_nodelay=True)
    print("bench_count ready", flush=True)
    rospy.spin()


if __name__ == "__main__":
    main()
