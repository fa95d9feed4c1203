package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "pose", description = "(not built yet)")
public final class PoseCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot pose' is not available in this build yet");
    }
}
