package org.classbot.launch.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the classbot command line in this JVM, capturing stdout and stderr (the in-process CLI tests share it). */
public final class CliRunner {

    private CliRunner() {
    }

    public record Run(int exit, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
