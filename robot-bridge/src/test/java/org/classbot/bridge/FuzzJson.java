package org.classbot.bridge;

import java.util.Random;

/** Seeded generators of hostile input for the transports' fuzz tests (issue 9): bytes, JSON of any shape, edits. */
public final class FuzzJson {

    private FuzzJson() {
    }

    public static byte[] randomBytes(Random r) {
        byte[] b = new byte[1 + r.nextInt(80)];
        r.nextBytes(b);
        return b;
    }

    /** A random JSON value: objects with the command's own keys among others, any value types, deep nesting, odd numbers. */
    public static String randomJson(Random r, int depth) {
        int kind = depth > 4 ? r.nextInt(4) : r.nextInt(7);
        return switch (kind) {
            case 0 -> pick(r, "null", "true", "false", "NaN", "Infinity", "-Infinity", "1e999", "-0", "0x10", "\"\"", "\"0.2\"");
            case 1 -> Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(12) - 3));
            case 2 -> "\"" + pick(r, "x", "linear", "forward", "\\u0000", "😀", "停") + "\"";
            case 3 -> Long.toString(r.nextLong());
            case 4, 5 -> {
                StringBuilder s = new StringBuilder("{");
                for (int k = r.nextInt(4); k >= 0; k--) {
                    s.append('"').append(pick(r, "linear", "angular", "x", "z", "y", "action", "ts", "linear.x", "op", "msg", "topic", "pose", "twist", "position", "orientation", "w", "header")).append("\":")
                            .append(randomJson(r, depth + 1)).append(k > 0 ? "," : "");
                }
                yield s.append('}').toString();
            }
            default -> {
                StringBuilder s = new StringBuilder("[");
                for (int k = r.nextInt(3); k >= 0; k--) {
                    s.append(randomJson(r, depth + 1)).append(k > 0 ? "," : "");
                }
                yield s.append(']').toString();
            }
        };
    }

    /** One to three character edits: delete, insert, replace. */
    public static String mutate(Random r, String s) {
        StringBuilder b = new StringBuilder(s);
        for (int m = 1 + r.nextInt(3); m > 0 && b.length() > 0; m--) {
            int at = r.nextInt(b.length());
            char c = "{}[]:,\"0123456789.-eE xzn".charAt(r.nextInt(24));
            switch (r.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, c);
                default -> b.setCharAt(at, c);
            }
        }
        return b.toString();
    }

    private static String pick(Random r, String... s) {
        return s[r.nextInt(s.length)];
    }
}
