package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "models", description = "(not built yet)")
public final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot models' is not available in this build yet");
    }
}
