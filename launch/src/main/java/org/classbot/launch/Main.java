package org.classbot.launch;

import org.classbot.launch.app.ClassbotCommand;
import org.classbot.launch.app.Cli;
import org.classbot.launch.app.Natives;

/** Entry point of the {@code classbot} command (see launch/bin/classbot). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String cache = System.getProperty("classbot.cache.dir");
        Natives.prepareOnnxRuntime(cache == null || cache.isBlank() ? null : java.nio.file.Path.of(cache));
        System.exit(Cli.execute(args));
    }
}
