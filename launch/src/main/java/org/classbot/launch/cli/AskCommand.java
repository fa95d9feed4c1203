package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "ask", description = "(not built yet)")
public final class AskCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot ask' is not available in this build yet");
    }
}
