package org.classbot.launch.app;

import org.classbot.launch.app.ClassbotCommand;
import org.classbot.launch.app.UserError;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * Builds the picocli command line and maps failures onto the CLI contract: status 0 on success,
 * 2 with one line on stderr for anything the user can fix, 3 when the safety governor refused (e-stop,
 * geofence, link down), 1 for internal errors.
 */
public final class Cli {

    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    /** The safety governor (e-stop, geofence, link down) or the robot refused: nothing more moved. */
    public static final int EXIT_REFUSED = 3;

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    /** Runs the classbot command line in this JVM and returns its exit status. */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args);
    }

    /** A configured command line writing to the given streams (tests capture them). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ClassbotCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("classbot: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            Throwable t = ex;
            if (t instanceof SafetyRefusal) {
                c.getErr().println("classbot: " + oneLine(t.getMessage()));
                c.getErr().flush();
                return EXIT_REFUSED;
            }
            if (t instanceof UserError) {
                c.getErr().println("classbot: " + oneLine(t.getMessage()));
                c.getErr().flush();
                return EXIT_USAGE;
            }
            log.debug("internal error", t);
            c.getErr().println("classbot: internal error: " + oneLine(String.valueOf(t))
                    + " (run with CLASSBOT_LOG=debug for details)");
            if ("debug".equalsIgnoreCase(System.getenv("CLASSBOT_LOG"))) {
                t.printStackTrace(new PrintWriter(c.getErr(), true));
            }
            c.getErr().flush();
            return EXIT_INTERNAL;
        });
        return cl;
    }

    public static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
