package org.classbot.launch.kb;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import org.classbot.launch.config.ClassbotConfig;

/** Options every kb/ask command takes: the index, the configuration file and JSON output. */
public final class KbCommonOptions {
    @Option(names = "--index", paramLabel = "DIR", description = "the knowledge index folder (default: knowledge.index from the configuration)")
    Path index;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default ./classbot.yaml, then ~/.classbot/config.yaml)")
    Path config;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    public ClassbotConfig config() {
        return ClassbotConfig.load(config);
    }

    public Path index(ClassbotConfig cfg) {
        return KbSettings.index(index, cfg);
    }

    public boolean json() {
        return json;
    }
}
