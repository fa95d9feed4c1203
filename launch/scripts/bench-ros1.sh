#!/usr/bin/env bash
# ROS 1 benchmark: ClassBot's TCPROS publisher vs rospy/rostopic pub (latency to a printing
# `rostopic echo`, cold start) and sustained commands per second without loss, against a real
# rosmaster started on a free loopback port. Needs Debian ros-core python3-rospy python3-rostopic
# python3-geometry-msgs python3-nav-msgs python3-std-msgs. Usage: bench-ros1.sh [MESSAGES]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ ! -x /usr/bin/rosmaster || ! -x /usr/bin/rostopic ]]; then
  echo "bench-ros1: ROS 1 not installed: apt-get install ros-core python3-rospy python3-rostopic python3-geometry-msgs python3-nav-msgs python3-std-msgs" >&2
  exit 2
fi
./mvnw -B -q -ntp -pl robot-bridge test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
# run from a private copy of the classes: a parallel build of robot-bridge must not pull them away
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r robot-bridge/target/classes robot-bridge/target/test-classes "$work/"
cp="$work/test-classes:$work/classes:$(cat robot-bridge/target/bench-classpath.txt)"
java -Dlogback.configurationFile="$work/test-classes/ros1/logback-bench.xml" \
  -cp "$cp" org.classbot.bridge.ros1.Ros1Bench "$@"
