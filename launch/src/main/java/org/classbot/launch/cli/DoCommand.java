package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "do", description = "(not built yet)")
public final class DoCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot do' is not available in this build yet");
    }
}
