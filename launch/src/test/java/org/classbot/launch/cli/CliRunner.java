package org.classbot.launch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the classbot command line in this JVM, capturing stdout and stderr (the in-process CLI tests share it). */
final class CliRunner {

    private CliRunner() {
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
