package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "robot", description = "(not built yet)")
public final class RobotCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot robot' is not available in this build yet");
    }
}
