package org.classbot.launch.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * ONNX Runtime's native libraries, unpacked once into the launcher's cache folder
 * ({@code ~/.classbot/cache/onnxruntime/<jar>/}) instead of a fresh {@code /tmp/onnxruntime-java*} folder on
 * every start (which a killed process leaves behind). Sets {@code onnxruntime.native.path} before ONNX
 * Runtime loads; does nothing when the user set it, or the platform has no bundled libraries.
 */
public final class Natives {

    private static final String PROPERTY = "onnxruntime.native.path";
    private static final List<String> LIBS = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    private Natives() {
    }

    public static void prepareOnnxRuntime(Path cache) {
        if (System.getProperty(PROPERTY) != null || cache == null) {
            return;
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return;
        }
        String platform = "linux-" + (arch.equals("aarch64") ? "aarch64" : "x64");
        ClassLoader cl = Natives.class.getClassLoader();
        URL first = cl.getResource("ai/onnxruntime/native/" + platform + "/" + LIBS.get(0));
        if (first == null) {
            return;
        }
        // one folder per ONNX Runtime jar (its file name carries the version)
        String jar = first.getPath().replaceAll("!.*$", "").replaceAll("^.*/", "").replaceAll("\\.jar$", "");
        Path dir = cache.resolve("onnxruntime").resolve(jar.isEmpty() ? "unknown" : jar).resolve(platform);
        try {
            Files.createDirectories(dir);
            for (String lib : LIBS) {
                Path target = dir.resolve(lib);
                if (Files.isRegularFile(target) && Files.size(target) > 0) {
                    continue;
                }
                try (InputStream in = cl.getResourceAsStream("ai/onnxruntime/native/" + platform + "/" + lib)) {
                    if (in == null) {
                        return;
                    }
                    Path part = Files.createTempFile(dir, lib, ".part");
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty(PROPERTY, dir.toString());
        } catch (IOException | RuntimeException e) {
            // a read-only cache: ONNX Runtime unpacks to the temp folder as before
        }
    }
}
