package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "count", description = "(not built yet)")
public final class CountCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot count' is not available in this build yet");
    }
}
