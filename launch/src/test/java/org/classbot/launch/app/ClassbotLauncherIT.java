package org.classbot.launch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Runs the committed launcher script on the packaged application, as a user would. */
public class ClassbotLauncherIT {

    public static final Path LAUNCHER = Path.of("bin", "classbot").toAbsolutePath();

    public record Result(int exit, String out, String err) {
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Runs the launcher with extra environment variables. */
    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        // captured under target/, never /tmp, and removed afterwards
        Path dir = Files.createDirectories(Path.of("target", "launcher-it"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("classbot %s finished", List.of(args)).isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void should_print_version_and_help() throws Exception {
        Result v = run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("classbot ");
        Result h = run("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("kb", "ask", "plan", "robot", "count");
    }

    @Test
    void should_reject_unknown_option_with_one_line_and_exit_2() throws Exception {
        Result r = run("--no-such-option");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--no-such-option").doesNotContain("Exception");
    }

    @Test
    void should_honour_HOME_like_any_command_line_tool() throws Exception {
        Path home = Files.createDirectories(Path.of("target", "launcher-it", "home-" + ProcessHandle.current().pid())).toAbsolutePath();
        try {
            Result r = run(Map.of("HOME", home.toString()), "models", "list", "--json");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains(home.resolve(".classbot").resolve("models").toString());
        } finally {
            try (var walk = Files.walk(home)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
