package org.classbot.launch.cli;

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
        })
public final class ClassbotCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
