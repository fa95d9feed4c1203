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
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.classbot.launch.app.UserError;

/**
 * ClassBot's configuration as flat dotted keys ({@code knowledge.chunk.max_chars}).
 *
 * <p>Precedence, lowest first: the documented defaults ({@code classbot-defaults.yaml} on the class
 * path), the user's file ({@code --config FILE}, else {@code ./classbot.yaml}, else
 * {@code ~/.classbot/config.yaml}), environment variables ({@code CLASSBOT_} + key upper-cased with
 * dots as underscores, e.g. {@code CLASSBOT_KNOWLEDGE_INDEX}), then command-line flags, which each
 * command applies itself. Credentials are never read from files: only from env vars.
 */
public final class ClassbotConfig {

    public static final String DEFAULTS_RESOURCE = "/classbot-defaults.yaml";

    private final Map<String, String> values;
    private final Optional<Path> source;

    private ClassbotConfig(Map<String, String> values, Optional<Path> source) {
        this.values = Collections.unmodifiableMap(values);
        this.source = source;
    }

    /** Loads the configuration with the user's file (may be null: then the usual places are tried). */
    public static ClassbotConfig load(Path userFile) {
        return load(userFile, System.getenv());
    }

    static ClassbotConfig load(Path userFile, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        try (InputStream in = ClassbotConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULTS_RESOURCE + " on the class path");
            }
            flatten("", yaml().readTree(in), values);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
        Optional<Path> source = Optional.empty();
        Path file = userFile;
        if (file == null) {
            for (Path p : List.of(Path.of("classbot.yaml"), Path.of(System.getProperty("user.home"), ".classbot", "config.yaml"))) {
                if (Files.isRegularFile(p)) {
                    file = p;
                    break;
                }
            }
        } else if (!Files.isRegularFile(file)) {
            throw new UserError("config file not found: " + file + " (check the --config path)");
        }
        if (file != null) {
            try {
                JsonNode node = yaml().readTree(file.toFile());
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    if (!node.isObject()) {
                        throw new UserError("config file " + file + " must be a YAML mapping of keys to values");
                    }
                    flatten("", node, values);
                }
                source = Optional.of(file);
            } catch (IOException e) {
                throw new UserError("cannot parse config file " + file + ": " + firstLine(e.getMessage()) + " (fix the YAML syntax)");
            }
        }
        for (String key : new ArrayList<>(values.keySet())) {
            String envName = envName(key);
            if (env.containsKey(envName)) {
                values.put(key, env.get(envName));
            }
        }
        return new ClassbotConfig(values, source);
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

    public Optional<String> find(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public String getString(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return parse(key, fallback, Integer::parseInt, "an integer");
    }

    public long getLong(String key, long fallback) {
        return parse(key, fallback, Long::parseLong, "an integer");
    }

    public double getDouble(String key, double fallback) {
        return parse(key, fallback, Double::parseDouble, "a number");
    }

    public boolean getBoolean(String key, boolean fallback) {
        return parse(key, fallback, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(s);
        }, "true or false");
    }

    /** A path value; a leading {@code ~} means the user's home. */
    public Optional<Path> getPath(String key) {
        return find(key).map(ClassbotConfig::expandHome);
    }

    public static Path expandHome(String p) {
        String s = p.strip();
        if (s.equals("~") || s.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + s.substring(1));
        }
        return Path.of(s);
    }

    /** Keys directly under a prefix, e.g. {@code children("robot.places")} gives the place names. */
    public List<String> children(String prefix) {
        String p = prefix + ".";
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (k.startsWith(p)) {
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

    private <T> T parse(String key, T fallback, Function<String, T> parser, String what) {
        Optional<String> v = find(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return parser.apply(v.get().strip());
        } catch (RuntimeException e) {
            throw new UserError("config key '" + key + "' must be " + what + ", got '" + v.get() + "'"
                    + source.map(s -> " in " + s).orElse("") + " (or env " + envName(key) + ")");
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
