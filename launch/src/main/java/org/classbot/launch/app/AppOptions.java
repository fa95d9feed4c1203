package org.classbot.launch.app;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --config FILE} flag every command takes, and the application it loads (once per command). */
public final class AppOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default ./classbot.yaml, then ~/.classbot/config.yaml)")
    Path config;

    private ClassbotApp app;

    public AppOptions() {
    }

    public synchronized ClassbotApp app() {
        if (app == null) {
            app = ClassbotApp.load(config);
        }
        return app;
    }
}
