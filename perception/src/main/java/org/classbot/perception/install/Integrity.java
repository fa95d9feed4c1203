package org.classbot.perception.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Subresource-integrity strings as npm writes them ({@code sha512-BASE64}): parse, compute, compare.
 * When a string lists several hashes, the strongest one is checked.
 */
public record Integrity(String algorithm, String base64) {

    private static final List<String> STRENGTH = List.of("sha1", "sha256", "sha384", "sha512");

    public Integrity {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        if (!STRENGTH.contains(algorithm)) {
            throw new IllegalArgumentException("unknown integrity algorithm '" + algorithm + "'");
        }
    }

    /** Parses {@code sha512-...} (several space-separated entries allowed; the strongest wins). */
    public static Integrity parse(String sri) {
        Integrity best = null;
        for (String part : sri.strip().split("\\s+")) {
            int dash = part.indexOf('-');
            if (dash <= 0) {
                continue;
            }
            String alg = part.substring(0, dash).toLowerCase(Locale.ROOT);
            if (!STRENGTH.contains(alg)) {
                continue;
            }
            String b64 = part.substring(dash + 1);
            int q = b64.indexOf('?');
            Integrity i = new Integrity(alg, q < 0 ? b64 : b64.substring(0, q));
            if (best == null || STRENGTH.indexOf(alg) > STRENGTH.indexOf(best.algorithm)) {
                best = i;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("not an integrity string: '" + sri + "' (expected e.g. sha512-BASE64)");
        }
        return best;
    }

    /** The integrity of a file with the given algorithm. */
    public static Integrity of(Path file, String algorithm) throws IOException {
        MessageDigest md = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return new Integrity(algorithm, Base64.getEncoder().encodeToString(md.digest()));
    }

    /** True when {@code file} hashes to this value. */
    public boolean matches(Path file) throws IOException {
        return equals(of(file, algorithm));
    }

    @Override
    public String toString() {
        return algorithm + "-" + base64;
    }

    private static MessageDigest digest(String algorithm) {
        String java = switch (algorithm) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            default -> "SHA-512";
        };
        try {
            return MessageDigest.getInstance(java);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(java + " missing from this JVM", e);
        }
    }
}
