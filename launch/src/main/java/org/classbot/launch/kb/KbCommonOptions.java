package org.classbot.launch.kb;

import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.classbot.launch.app.AppOptions;
import org.classbot.launch.app.ClassbotApp;

/** Options every kb/ask command takes: the index, the configuration file and JSON output. */
public final class KbCommonOptions {
    @Option(names = "--index", paramLabel = "DIR", description = "the knowledge index folder (default: knowledge.index from the configuration)")
    Path index;

    @Mixin
    AppOptions appOptions;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    /** The application of the configuration (loaded once). */
    public ClassbotApp app() {
        return appOptions.app();
    }

    /** The index: --index, else knowledge.index. */
    public Path index() {
        return app().index(index);
    }

    public boolean json() {
        return json;
    }
}
