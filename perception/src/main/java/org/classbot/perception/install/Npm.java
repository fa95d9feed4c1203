package org.classbot.perception.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The user's own npm client, run as a process: it honours the user's registry, proxy and cache
 * settings ({@code .npmrc}), so no registry address is written anywhere in ClassBot.
 */
public final class Npm {

    private final String executable;
    private final long timeoutSeconds;

    public Npm() {
        this(System.getenv().getOrDefault("CLASSBOT_NPM", "npm"), 900);
    }

    public Npm(String executable, long timeoutSeconds) {
        this.executable = executable;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** {@code npm pack SPEC} into {@code dir}; returns the tarball written there. */
    public Path pack(String spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        String out = run(dir, List.of("pack", spec, "--silent"));
        String[] lines = out.strip().split("\\R");
        Path tgz = dir.resolve(lines[lines.length - 1].strip());
        if (!Files.isRegularFile(tgz)) {
            throw new IOException("npm pack " + spec + " reported '" + lines[lines.length - 1] + "' but wrote no such file in " + dir);
        }
        return tgz;
    }

    /** {@code npm view SPEC dist.integrity}: the registry's sha512 of the package tarball. */
    public Integrity viewIntegrity(String spec, Path workDir) throws IOException {
        String out = run(workDir, List.of("view", spec, "dist.integrity")).strip();
        if (out.isEmpty()) {
            throw new IOException("npm view " + spec + " printed no dist.integrity (does that version exist?)");
        }
        return Integrity.parse(out);
    }

    private String run(Path dir, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        Path log = Files.createTempFile("classbot-npm", ".log");
        Path stdout = Files.createTempFile("classbot-npm", ".out");
        try {
            Process p;
            try {
                // both streams go to files, so a chatty or stuck npm can neither block nor outlive the timeout
                p = new ProcessBuilder(cmd).directory(dir.toFile())
                        .redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot run '" + executable + "': npm is not installed or not on PATH"
                        + " (install Node.js/npm, or download the package elsewhere and use --from FILE.tgz)", e);
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", cmd) + "' did not finish within " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                String err = Files.readString(log, StandardCharsets.UTF_8).strip();
                String last = err.isEmpty() ? "" : err.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
                throw new IOException("'" + String.join(" ", cmd) + "' failed (exit " + p.exitValue() + ")"
                        + (last.isEmpty() ? "" : ": " + last)
                        + " (offline? download the package elsewhere with 'npm pack' and use --from FILE.tgz)");
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running npm", e);
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(stdout);
        }
    }
}
