package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "plan", description = "(not built yet)")
public final class PlanCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot plan' is not available in this build yet");
    }
}
