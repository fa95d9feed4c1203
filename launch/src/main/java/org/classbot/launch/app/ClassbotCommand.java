package org.classbot.launch.app;

import org.classbot.launch.app.VersionProvider;
import org.classbot.launch.agent.PlanCommand;
import org.classbot.launch.agent.DoCommand;
import org.classbot.launch.agent.RunCommand;
import org.classbot.launch.robot.RobotCommand;
import org.classbot.launch.robot.SimCommand;
import org.classbot.launch.perception.ModelsCommand;
import org.classbot.launch.perception.DetectCommand;
import org.classbot.launch.perception.PoseCommand;
import org.classbot.launch.perception.CountCommand;
import org.classbot.launch.kb.KbCommand;
import org.classbot.launch.kb.AskCommand;
import org.classbot.launch.mcp.McpCommand;
import org.classbot.launch.voice.ListenCommand;
import org.classbot.launch.voice.SayCommand;

import picocli.CommandLine.Command;

/** The {@code classbot} command; each sub-command lives in its own class (DESIGN.md, "Command line"). */
@Command(name = "classbot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"ClassBot: a classroom robot agent. 课堂机器人助手。"},
        subcommands = {
                RunCommand.class,
                KbCommand.class,
                AskCommand.class,
                PlanCommand.class,
                DoCommand.class,
                RobotCommand.class,
                SimCommand.class,
                ModelsCommand.class,
                DetectCommand.class,
                PoseCommand.class,
                CountCommand.class,
                McpCommand.class,
                ListenCommand.class,
                SayCommand.class,
        })
public final class ClassbotCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
