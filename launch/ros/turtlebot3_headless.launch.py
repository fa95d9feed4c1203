"""TurtleBot3 in Gazebo Harmonic without the GUI (classroom servers, CI-like runs): the same pieces
turtlebot3_gazebo's world launch files start — gz server with the world, robot_state_publisher,
the spawner with its ros_gz_bridge — minus the gz GUI client. Included by classbot_gazebo.launch.py
with headless:=true."""
import os

from ament_index_python.packages import get_package_share_directory
from launch import LaunchDescription
from launch.actions import AppendEnvironmentVariable, DeclareLaunchArgument, IncludeLaunchDescription
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution, PythonExpression


def generate_launch_description():
    os.environ.setdefault("TURTLEBOT3_MODEL", "burger")
    tb3 = get_package_share_directory("turtlebot3_gazebo")
    ros_gz_sim = get_package_share_directory("ros_gz_sim")
    world = LaunchConfiguration("world")
    # turtlebot3_world / turtlebot3_house have .world files of that name; empty_world uses empty_world.world
    world_file = PathJoinSubstitution([tb3, "worlds", PythonExpression(["'", world, "' + '.world'"])])

    return LaunchDescription([
        DeclareLaunchArgument("world", default_value="turtlebot3_world"),
        DeclareLaunchArgument("x_pose", default_value="-2.0"),
        DeclareLaunchArgument("y_pose", default_value="-0.5"),
        AppendEnvironmentVariable("GZ_SIM_RESOURCE_PATH", os.path.join(tb3, "models")),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(os.path.join(ros_gz_sim, "launch", "gz_sim.launch.py")),
            launch_arguments={"gz_args": ["-r -s -v2 ", world_file], "on_exit_shutdown": "true"}.items(),
        ),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(os.path.join(tb3, "launch", "robot_state_publisher.launch.py")),
            launch_arguments={"use_sim_time": "true"}.items(),
        ),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(os.path.join(tb3, "launch", "spawn_turtlebot3.launch.py")),
            launch_arguments={"x_pose": LaunchConfiguration("x_pose"), "y_pose": LaunchConfiguration("y_pose")}.items(),
        ),
    ])
