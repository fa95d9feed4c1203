package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "run", description = "(not built yet)")
public final class RunCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot run' is not available in this build yet");
    }
}
