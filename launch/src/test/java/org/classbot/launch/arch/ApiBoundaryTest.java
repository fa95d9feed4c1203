package org.classbot.launch.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The module boundary of DESIGN.md, enforced: main code of one module may import only the API packages of
 * another (listed here and in each module's README), never its internals. Generalises robot-bridge's
 * {@code GovernedAccessTest} (which additionally proves nothing reaches a transport around the governor).
 * A new package is internal until it is added here.
 */
class ApiBoundaryTest {

    /** Module folder → its root package and what other modules may import (packages, or single classes). */
    record Module(String root, Set<String> api) {
    }

    static final Map<String, Module> MODULES = Map.of(
            "knowledge", new Module("org.classbot.knowledge", Set.of(
                    "org.classbot.knowledge", "org.classbot.knowledge.chunk", "org.classbot.knowledge.retrieve",
                    "org.classbot.knowledge.langchain4j")),
            "perception", new Module("org.classbot.perception", Set.of(
                    "org.classbot.perception", "org.classbot.perception.count", "org.classbot.perception.crowd", "org.classbot.perception.frame",
                    "org.classbot.perception.install", "org.classbot.perception.model", "org.classbot.perception.pipeline",
                    "org.classbot.perception.tfjs.TfjsConversionException")),
            "robot-bridge", new Module("org.classbot.bridge", Set.of(
                    "org.classbot.bridge", "org.classbot.bridge.map", "org.classbot.bridge.safety", "org.classbot.bridge.skill",
                    "org.classbot.bridge.mqtt.MqttRobots", "org.classbot.bridge.mqtt.RobotStatus")),
            "agent", new Module("org.classbot.agent", Set.of(
                    "org.classbot.agent.dialogue", "org.classbot.agent.plan", "org.classbot.agent.plan.offline", "org.classbot.agent.skill", "org.classbot.agent.llm",
                    "org.classbot.agent.speech")),
            "launch", new Module("org.classbot.launch", Set.of()));

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(org\\.classbot\\.[\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);

    @Test
    void should_import_only_the_api_packages_of_other_modules() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, Module> e : MODULES.entrySet()) {
            Path src = Path.of("..", e.getKey(), "src", "main", "java");
            assertThat(src).as("sources of %s beside launch", e.getKey()).isDirectory();
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    Matcher m = IMPORT.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        String imported = m.group(1);
                        Module owner = owner(imported);
                        if (owner == null || owner == e.getValue()) {
                            continue;
                        }
                        if (!allowed(owner, imported)) {
                            violations.add(e.getKey() + ": " + src.relativize(f) + " imports " + imported);
                        }
                    }
                }
            }
        }
        assertThat(files).isGreaterThan(100);
        assertThat(violations).as("imports of another module's internals (make it API in ApiBoundaryTest and the README, or don't)")
                .isEmpty();
    }

    @Test
    void should_flag_an_import_of_internals() {
        assertThat(allowed(MODULES.get("robot-bridge"), "org.classbot.bridge.sim.SimRobot")).isFalse();
        assertThat(allowed(MODULES.get("robot-bridge"), "org.classbot.bridge.safety.SafetyGovernor")).isTrue();
        assertThat(allowed(MODULES.get("knowledge"), "org.classbot.knowledge.index.LuceneIndex")).isFalse();
        assertThat(allowed(MODULES.get("perception"), "org.classbot.perception.tfjs.TfjsToOnnx")).isFalse();
        assertThat(allowed(MODULES.get("perception"), "org.classbot.perception.tfjs.TfjsConversionException")).isTrue();
    }

    private static Module owner(String imported) {
        return MODULES.values().stream().filter(mod -> imported.startsWith(mod.root() + ".")).findFirst().orElse(null);
    }

    /** An import is allowed when its class is API, or its package (the part before the class name) is. */
    static boolean allowed(Module owner, String imported) {
        if (owner.api().contains(imported)) {
            return true;
        }
        // strip the class (and nested classes / static members): the package is the lower-case prefix
        String[] parts = imported.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty() && Character.isUpperCase(p.charAt(0))) {
                break;
            }
            if (pkg.length() > 0) {
                pkg.append('.');
            }
            pkg.append(p);
        }
        return owner.api().contains(pkg.toString());
    }
}
