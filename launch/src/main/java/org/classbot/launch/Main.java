package org.classbot.launch;

import org.classbot.launch.app.ClassbotCommand;
import org.classbot.launch.app.Cli;

/** Entry point of the {@code classbot} command (see launch/bin/classbot). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args));
    }
}
