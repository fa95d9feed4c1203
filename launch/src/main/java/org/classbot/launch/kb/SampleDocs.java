package org.classbot.launch.kb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the bundled sample knowledge base is. (The knowledge settings themselves: {@code config.KnowledgeSettings}.) */
public final class SampleDocs {

    private SampleDocs() {
    }

    /** The bundled sample documents (launch/samples/kb), when this installation has them. */
    public static Optional<Path> samples() {
        String launchDir = System.getProperty("classbot.launch.dir");
        for (Path p : new Path[] {
                launchDir == null ? null : Path.of(launchDir, "samples", "kb"),
                Path.of("samples", "kb"),
                Path.of("launch", "samples", "kb")}) {
            if (p != null && Files.isDirectory(p)) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
