package org.classbot.launch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.classbot.bridge.Transports;
import org.classbot.launch.app.UserError;

/**
 * ClassBot's configuration as flat dotted keys ({@code knowledge.chunk.max_chars}).
 *
 * <p>Precedence, lowest first: the documented defaults ({@code classbot-defaults.yaml} on the class
 * path), the user's file ({@code --config FILE}, else {@code ./classbot.yaml}, else
 * {@code ~/.classbot/config.yaml}), environment variables ({@code CLASSBOT_} + key upper-cased with
 * dots as underscores, e.g. {@code CLASSBOT_KNOWLEDGE_INDEX}), then command-line flags, which each
 * command applies itself. Credentials are never read from files: only from env vars.
 *
 * <p>{@code classbot-defaults.yaml} is the only source of defaults: the getters take no fallback, a key
 * it does not list is a bug ({@link IllegalStateException}), and a key in the user's file that it does
 * not list is a one-line {@link UserError} (a typo would otherwise be ignored silently — for
 * {@code robot.safety.*} that is a safety problem). {@code robot.places.*} and {@code robot.options.*} are
 * free-form. The typed view of all of it is {@link Settings}.
 */
public final class ClassbotConfig {

    public static final String DEFAULTS_RESOURCE = "/classbot-defaults.yaml";

    private final Map<String, String> values;
    private final Optional<Path> source;

    private ClassbotConfig(Map<String, String> values, Optional<Path> source, Map<String, String> defaults) {
        this.values = Collections.unmodifiableMap(values);
        this.source = source;
        this.defaults = defaults;
    }

    /** Keys under these prefixes are free-form maps: the user may add keys the defaults do not list. */
    static final List<String> OPEN_SECTIONS = List.of("robot.places.", "robot.options.");

    private final Map<String, String> defaults;
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    /** Loads the configuration with the user's file (may be null: then the usual places are tried). */
    public static ClassbotConfig load(Path userFile) {
        return load(userFile, System.getenv());
    }

    public static ClassbotConfig load(Path userFile, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        try (InputStream in = ClassbotConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULTS_RESOURCE + " on the class path");
            }
            flatten("", yaml().readTree(in), values);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
        Map<String, String> defaults = Map.copyOf(values);
        Set<String> documented = defaults.keySet();
        Optional<Path> source = Optional.empty();
        Path file = userFile;
        if (file == null) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            for (Path p : List.of(Path.of("classbot.yaml"), Path.of(home, ".classbot", "config.yaml"))) {
                if (Files.isRegularFile(p)) {
                    file = p;
                    break;
                }
            }
        } else if (!Files.isRegularFile(file)) {
            throw new UserError("config file not found: " + file + " (check the --config path) / 找不到配置文件");
        }
        if (file != null) {
            Map<String, String> user = new LinkedHashMap<>();
            try {
                JsonNode node = yaml().readTree(file.toFile());
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    if (!node.isObject()) {
                        throw new UserError("config file " + file + " must be a YAML mapping of keys to values");
                    }
                    flatten("", node, user);
                }
                source = Optional.of(file);
            } catch (IOException e) {
                throw new UserError("cannot parse config file " + file + ": " + firstLine(e.getMessage()) + " (fix the YAML syntax)");
            }
            for (String k : user.keySet()) {
                if (!known(documented, k) && !isListItem(user, k)) {
                    throw new UserError("unknown config key '" + k + "' in " + file + closest(documented, k)
                            + " (every key is listed with its default in classbot-defaults.yaml) / 未知的配置项");
                }
            }
            values.putAll(user);
        }
        for (String key : new ArrayList<>(values.keySet())) {
            String envName = envName(key);
            if (env.containsKey(envName)) {
                values.put(key, env.get(envName));
            }
        }
        return new ClassbotConfig(values, source, defaults);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return "CLASSBOT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<Path> source() {
        return source;
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Every key {@code classbot-defaults.yaml} documents (flattened). */
    public Set<String> documentedKeys() {
        return defaults.keySet();
    }

    /** The documented default of a key ({@code classbot-defaults.yaml}). */
    public String defaultOf(String key) {
        requireKnown(key);
        return defaults.getOrDefault(key, "");
    }

    /** The keys read so far (the settings test proves every documented key is read). */
    public Set<String> keysRead() {
        return Set.copyOf(read);
    }

    /** The value, {@code Optional.empty()} when blank. The key must be documented (or in a free-form section). */
    public Optional<String> find(String key) {
        requireKnown(key);
        read.add(key);
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** A text value; may be empty. */
    public String string(String key) {
        return find(key).orElse("").strip();
    }

    public int integer(String key) {
        return parse(key, Integer::parseInt, "an integer");
    }

    public long longInteger(String key) {
        return parse(key, Long::parseLong, "an integer");
    }

    public double decimal(String key) {
        return parse(key, Double::parseDouble, "a number");
    }

    public boolean bool(String key) {
        return parse(key, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(s);
        }, "true or false");
    }

    /** A path value (empty when blank); a leading {@code ~} means the user's home. */
    public Optional<Path> path(String key) {
        return find(key).map(ClassbotConfig::expandHome);
    }

    public static Path expandHome(String p) {
        String s = p.strip();
        if (s.equals("~") || s.startsWith("~/")) {
            String home = System.getenv("HOME");
            return Path.of((home == null || home.isBlank() ? System.getProperty("user.home") : home) + s.substring(1));
        }
        return Path.of(s);
    }

    /** Keys directly under a prefix, e.g. {@code children("robot.places")} gives the place names. */
    public List<String> children(String prefix) {
        String p = prefix + ".";
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (k.startsWith(p)) {
                read.add(k);
                String rest = k.substring(p.length());
                int dot = rest.indexOf('.');
                String child = dot < 0 ? rest : rest.substring(0, dot);
                if (!out.contains(child)) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    /** Every key under a prefix with the prefix removed ({@code robot.options.rosbridge.timeout_ms -> rosbridge.timeout_ms}). */
    public Map<String, String> section(String prefix) {
        String p = prefix + ".";
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(p) && !isListItem(values, k)) {
                read.add(k);
                out.put(k.substring(p.length()), v);
            }
        });
        return out;
    }

    /** "in FILE" for messages, or "". */
    public String where() {
        return source.map(s -> " in " + s).orElse("");
    }

    private void requireKnown(String key) {
        if (!known(defaults.keySet(), key)) {
            throw new IllegalStateException("config key '" + key + "' has no default in classbot-defaults.yaml: add it there");
        }
    }

    private static boolean known(Set<String> documented, String key) {
        return documented.contains(key) || OPEN_SECTIONS.stream().anyMatch(key::startsWith);
    }

    /** {@code a.0}, {@code a.1} of a flattened list whose key {@code a} is present too. */
    private static boolean isListItem(Map<String, String> values, String key) {
        int dot = key.lastIndexOf('.');
        return dot > 0 && key.substring(dot + 1).chars().allMatch(Character::isDigit) && values.containsKey(key.substring(0, dot));
    }

    private static String closest(Set<String> documented, String key) {
        String best = Transports.nearest(documented, key);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private <T> T parse(String key, Function<String, T> parser, String what) {
        Optional<String> v = find(key);
        if (v.isEmpty()) {
            throw new UserError("config key '" + key + "' must be " + what + ", but it is empty" + where()
                    + " (or env " + envName(key) + "); see classbot-defaults.yaml for its default");
        }
        try {
            return parser.apply(v.get().strip());
        } catch (RuntimeException e) {
            throw new UserError("config key '" + key + "' must be " + what + ", got '" + v.get() + "'"
                    + where() + " (or env " + envName(key) + ")");
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            // lists: indexed keys (a.0, a.1) plus the comma-joined scalar form for simple lists
            List<String> scalars = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                flatten(prefix + "." + i, item, out);
                if (item.isValueNode()) {
                    scalars.add(item.asText());
                }
            }
            if (scalars.size() == node.size()) {
                out.put(prefix, String.join(",", scalars));
            }
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
