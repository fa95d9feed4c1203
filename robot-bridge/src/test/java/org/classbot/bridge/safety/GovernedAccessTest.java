package org.classbot.bridge.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * "Nothing reaches a robot around the governor", checked on the sources: outside the bridge's own
 * factory, no application code (agent, launch, knowledge, perception main sources) looks transports
 * up or connects them itself; it goes through {@code RobotBridges} or {@code RobotFactory}, which
 * only hand out {@link SafetyGovernor}s. (The raw bridge classes are package-private besides.)
 */
class GovernedAccessTest {

    private static final Pattern RAW = Pattern.compile(
            "Transports\\s*\\.\\s*(forProfile|all)\\s*\\(|ServiceLoader\\s*\\.\\s*load\\s*\\(\\s*Transport\\b"
                    + "|new\\s+(Sim|Mqtt|Ros1|Rosbridge)Transport\\s*\\(|extends\\s+ChannelBridge\\b");

    @Test
    void should_reach_transports_only_through_the_governed_factory() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        assumeTrue(Files.isDirectory(root.resolve("launch")), "not run inside the ClassBot source tree");
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("agent", "launch", "knowledge", "perception")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    if (RAW.matcher(text).find()) {
                        offenders.add(root.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(offenders).as("application code that gets a robot bridge without the safety governor").isEmpty();
    }
}
