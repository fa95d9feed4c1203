package org.classbot.perception.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shared TF.js reference data ({@code ../shared/golden} beside the checkout, or
 * {@code -Dclassbot.golden} / env {@code CLASSBOT_GOLDEN}); tests skip with a message where it is absent.
 */
public final class Golden {

    public static final List<String> NAMES = List.of("messi5", "basketball1", "person", "kite", "astronaut",
            "vtest_100", "vtest_397", "vtest_600");

    private Golden() {
    }

    public static Path dir() {
        String p = System.getProperty("classbot.golden", System.getenv("CLASSBOT_GOLDEN"));
        Path dir = p != null ? Path.of(p) : checkoutRoot().resolveSibling("shared").resolve("golden");
        assumeTrue(Files.isRegularFile(dir.resolve("manifest.json")),
                "skipped: golden reference data not found at " + dir + " (set -Dclassbot.golden=DIR)");
        return dir;
    }

    static Path checkoutRoot() {
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isRegularFile(q.resolve("mvnw")) && Files.isDirectory(q.resolve("perception"))) {
                return q;
            }
        }
        return p;
    }

    public static byte[] input(String name, String model) {
        return bytes(dir().resolve(name + "." + model + ".input.u8"));
    }

    public static JsonNode output(String name, String model) {
        try {
            return new ObjectMapper().readTree(dir().resolve(name + "." + model + ".output.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path image(String name) {
        JsonNode json = output(name, "movenet");
        return dir().resolve(json.path("image_file").asText());
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
