package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "detect", description = "(not built yet)")
public final class DetectCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot detect' is not available in this build yet");
    }
}
