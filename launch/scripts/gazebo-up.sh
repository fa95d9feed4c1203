#!/usr/bin/env bash
# Starts the ClassBot Gazebo set-up on a ROS 2 Jazzy machine: Gazebo Harmonic with a TurtleBot3,
# rosbridge_server + rosapi on ws://127.0.0.1:9090 (launch/ros/classbot_gazebo.launch.py).
# Extra arguments go to the launch file, e.g.: gazebo-up.sh headless:=true world:=empty_world
# Then, in another terminal: launch/bin/classbot run --profile rosbridge --rosbridge-url ws://127.0.0.1:9090
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
ros_setup="${ROS_SETUP:-/opt/ros/jazzy/setup.bash}"
if [[ ! -f "$ros_setup" ]]; then
  echo "gazebo-up: ROS 2 Jazzy not found at $ros_setup (see launch/ros/README.md for the packages; set ROS_SETUP to another setup.bash)" >&2
  exit 2
fi
set +u  # ROS setup scripts read unset variables
# shellcheck disable=SC1090
source "$ros_setup"
set -u
missing=()
for pkg in turtlebot3_gazebo ros_gz_sim rosbridge_server rosapi; do
  ros2 pkg prefix "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "gazebo-up: missing ROS 2 packages: ${missing[*]}; install: sudo apt install ros-jazzy-turtlebot3-simulations ros-jazzy-ros-gz ros-jazzy-rosbridge-suite" >&2
  exit 2
fi
export TURTLEBOT3_MODEL="${TURTLEBOT3_MODEL:-burger}"
exec ros2 launch "$root/launch/ros/classbot_gazebo.launch.py" "$@"
