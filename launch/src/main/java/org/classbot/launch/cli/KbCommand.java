package org.classbot.launch.cli;

import picocli.CommandLine.Command;

/** Placeholder until its issue lands; replaced by the real command. */
@Command(name = "kb", description = "(not built yet)")
public final class KbCommand implements Runnable {
    @Override
    public void run() {
        throw new UserError("'classbot kb' is not available in this build yet");
    }
}
