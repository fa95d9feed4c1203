"""ClassBot + Gazebo Harmonic + TurtleBot3 + rosbridge on ROS 2 Jazzy.

Starts a TurtleBot3 world in Gazebo (turtlebot3_gazebo, which bridges /cmd_vel, /odom, /scan, ...
with ros_gz_bridge), rosbridge_server's WebSocket node and rosapi on 127.0.0.1:9090, and optionally
ClassBot itself (profile rosbridge). See launch/ros/README.md.

    ros2 launch launch/ros/classbot_gazebo.launch.py                      # Gazebo + rosbridge
    ros2 launch launch/ros/classbot_gazebo.launch.py world:=empty_world headless:=true
    ros2 launch launch/ros/classbot_gazebo.launch.py start_classbot:=true  # also `classbot run`
"""
import os

from ament_index_python.packages import get_package_share_directory
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, ExecuteProcess, IncludeLaunchDescription, LogInfo
from launch.conditions import IfCondition, UnlessCondition
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution, PythonExpression
from launch_ros.actions import Node

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# world name -> launch file of turtlebot3_gazebo (Jazzy / Gazebo Harmonic)
WORLDS = ("turtlebot3_world", "empty_world", "turtlebot3_house")


def generate_launch_description():
    # turtlebot3_gazebo reads the model from the environment while its launch files are generated
    os.environ.setdefault("TURTLEBOT3_MODEL", "burger")

    world = LaunchConfiguration("world")
    x_pose = LaunchConfiguration("x_pose")
    y_pose = LaunchConfiguration("y_pose")
    headless = LaunchConfiguration("headless")
    address = LaunchConfiguration("rosbridge_address")
    port = LaunchConfiguration("rosbridge_port")
    start_classbot = LaunchConfiguration("start_classbot")
    classbot = LaunchConfiguration("classbot")

    tb3_launch = os.path.join(get_package_share_directory("turtlebot3_gazebo"), "launch")
    rosbridge_params = os.path.join(HERE, "config", "rosbridge.yaml")

    # the TurtleBot3 world launch files start gz server + GUI; headless:=true starts the same world
    # without the GUI client (turtlebot3_headless.launch.py)
    gazebo = IncludeLaunchDescription(
        PythonLaunchDescriptionSource(
            PathJoinSubstitution([tb3_launch, PythonExpression(["'", world, "' + '.launch.py'"])])),
        launch_arguments={"x_pose": x_pose, "y_pose": y_pose, "use_sim_time": "true"}.items(),
        condition=UnlessCondition(headless),
    )
    gazebo_headless = IncludeLaunchDescription(
        PythonLaunchDescriptionSource(os.path.join(HERE, "turtlebot3_headless.launch.py")),
        launch_arguments={"world": world, "x_pose": x_pose, "y_pose": y_pose}.items(),
        condition=IfCondition(headless),
    )

    rosbridge = Node(
        package="rosbridge_server",
        executable="rosbridge_websocket",
        name="rosbridge_websocket",
        output="screen",
        parameters=[rosbridge_params, {"address": address, "port": port, "use_sim_time": True}],
    )
    rosapi = Node(
        package="rosapi",
        executable="rosapi_node",
        name="rosapi",
        output="screen",
        parameters=[rosbridge_params, {"use_sim_time": True}],
    )

    url = PythonExpression(["'ws://' + ('127.0.0.1' if '", address, "' in ('', '0.0.0.0') else '", address,
                            "') + ':' + '", port, "'"])
    classbot_run = ExecuteProcess(
        cmd=[classbot, "run", "--profile", "rosbridge", "--rosbridge-url", url],
        output="screen",
        emulate_tty=True,
        condition=IfCondition(start_classbot),
    )

    return LaunchDescription([
        DeclareLaunchArgument("world", default_value="turtlebot3_world", choices=list(WORLDS),
                              description="TurtleBot3 world to load"),
        DeclareLaunchArgument("x_pose", default_value="-2.0", description="robot start x (m)"),
        DeclareLaunchArgument("y_pose", default_value="-0.5", description="robot start y (m)"),
        DeclareLaunchArgument("headless", default_value="false", choices=["true", "false"],
                              description="run Gazebo without its GUI"),
        DeclareLaunchArgument("rosbridge_address", default_value="127.0.0.1",
                              description="address rosbridge listens on (loopback by default)"),
        DeclareLaunchArgument("rosbridge_port", default_value="9090", description="rosbridge WebSocket port"),
        DeclareLaunchArgument("start_classbot", default_value="false", choices=["true", "false"],
                              description="also run `classbot run --profile rosbridge`"),
        DeclareLaunchArgument("classbot", default_value=os.path.join(REPO, "launch", "bin", "classbot"),
                              description="the classbot launcher"),
        LogInfo(msg=["ClassBot Gazebo set-up: TurtleBot3 ", os.environ["TURTLEBOT3_MODEL"], " in ", world,
                     ", rosbridge on ", url]),
        gazebo,
        gazebo_headless,
        rosbridge,
        rosapi,
        classbot_run,
    ])
