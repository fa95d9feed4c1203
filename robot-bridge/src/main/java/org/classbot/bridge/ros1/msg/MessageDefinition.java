package org.classbot.bridge.ros1.msg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ROS 1 message definition in the "full text" form that TCPROS carries in its
 * {@code message_definition} header (the type's own text, then each dependency after a line of
 * {@code =} and {@code MSG: pkg/Type}), and the md5sum that genmsg derives from it. Computing the sum
 * here, rather than only quoting it, proves that the shipped definitions are the ones the sums name.
 */
public final class MessageDefinition {

    private static final Set<String> BUILTINS = Set.of("int8", "uint8", "int16", "uint16", "int32", "uint32",
            "int64", "uint64", "float32", "float64", "string", "bool", "char", "byte", "time", "duration");
    private static final String SEPARATOR = "================================================================================";

    private final String type;
    private final String fullText;
    private final Map<String, String> sections;

    private MessageDefinition(String type, String fullText, Map<String, String> sections) {
        this.type = type;
        this.fullText = fullText;
        this.sections = sections;
    }

    /** Parses the full text of {@code type} (e.g. {@code nav_msgs/Odometry}). */
    public static MessageDefinition parse(String type, String fullText) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = type;
        StringBuilder body = new StringBuilder();
        for (String line : fullText.split("\n", -1)) {
            if (line.equals(SEPARATOR)) {
                sections.put(current, body.toString());
                body.setLength(0);
                current = null;
            } else if (current == null && line.startsWith("MSG: ")) {
                current = line.substring(5).trim();
            } else {
                body.append(line).append('\n');
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("message definition of " + type + " ends after a separator");
        }
        sections.put(current, body.toString());
        return new MessageDefinition(type, fullText, sections);
    }

    public String type() {
        return type;
    }

    public String fullText() {
        return fullText;
    }

    /** The md5sum as {@code rosmsg md5} prints it. */
    public String md5() {
        return md5(type, new LinkedHashMap<>());
    }

    private String md5(String t, Map<String, String> memo) {
        String known = memo.get(t);
        if (known != null) {
            return known;
        }
        String text = md5Text(t, memo);
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            String sum = HexFormat.of().formatHex(d);
            memo.put(t, sum);
            return sum;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from this JVM", e);
        }
    }

    /** genmsg's md5 text: constants first, then fields with nested types replaced by their md5. */
    private String md5Text(String t, Map<String, String> memo) {
        String body = sections.get(t);
        if (body == null) {
            throw new IllegalArgumentException("definition of " + type + " lacks the section for " + t);
        }
        String pkg = t.substring(0, t.indexOf('/'));
        List<String> constants = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String raw : body.split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            int hash = line.indexOf('#');
            boolean constant = eq >= 0 && (hash < 0 || eq < hash);
            if (!constant) {
                line = hash >= 0 ? line.substring(0, hash).strip() : line;
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("malformed field '" + raw + "' in " + t);
            }
            String fieldType = parts[0];
            String rest = parts[1].strip();
            if (constant) {
                String name = rest.substring(0, rest.indexOf('=')).strip();
                String value = rest.substring(rest.indexOf('=') + 1);
                value = fieldType.equals("string") ? value.strip() : stripComment(value).strip();
                constants.add(fieldType + " " + name + "=" + value);
                continue;
            }
            String bare = fieldType.contains("[") ? fieldType.substring(0, fieldType.indexOf('[')) : fieldType;
            if (BUILTINS.contains(bare)) {
                fields.add(fieldType + " " + rest);
            } else {
                fields.add(md5(resolve(bare, pkg), memo) + " " + rest);
            }
        }
        List<String> all = new ArrayList<>(constants);
        all.addAll(fields);
        return String.join("\n", all);
    }

    private static String stripComment(String s) {
        int hash = s.indexOf('#');
        return hash >= 0 ? s.substring(0, hash) : s;
    }

    private static String resolve(String bare, String pkg) {
        if (bare.contains("/")) {
            return bare;
        }
        if (bare.equals("Header")) {
            return "std_msgs/Header";
        }
        return pkg + "/" + bare;
    }
}
