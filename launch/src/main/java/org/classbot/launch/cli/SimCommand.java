package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "sim", description = "(not built yet)")
public final class SimCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot sim' is not available in this build yet");
    }
}
