package org.classbot.launch.app;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one set of rules for every HTTP entry point (the dashboard and its WebSocket, MCP over HTTP), free of any
 * web framework so each server applies it to its own request type:
 * <ul>
 *   <li><b>Same origin, always</b> (CSRF, DNS rebinding): without a token the {@code Host} must be a loopback
 *       name; an {@code Origin}, when sent, must be this very server ({@code null} = opaque = refused); a request
 *       that changes anything must be {@code application/json}.</li>
 *   <li><b>A token beyond loopback</b>: the teacher token {@code CLASSBOT_WEB_TOKEN} (generated once when unset and
 *       the server is bound beyond loopback), and an optional watch-only viewer token
 *       {@code CLASSBOT_WEB_VIEWER_TOKEN}; tokens compare in constant time.</li>
 * </ul>
 */
public final class AccessPolicy {

    public static final String TOKEN_ENV = "CLASSBOT_WEB_TOKEN";
    public static final String VIEWER_TOKEN_ENV = "CLASSBOT_WEB_VIEWER_TOKEN";

    /** Who a credential belongs to. */
    public enum Role { TEACHER, VIEWER }

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<String> teacherToken;
    private final Optional<String> viewerToken;
    private final boolean generated;
    private final String service;

    private AccessPolicy(Optional<String> teacherToken, Optional<String> viewerToken, boolean generated, String service) {
        this.teacherToken = teacherToken;
        this.viewerToken = viewerToken;
        this.generated = generated;
        this.service = service;
    }

    /**
     * The rules for a server bound to {@code host}: on loopback no token is needed (same-origin still applies);
     * beyond it the teacher token from {@code env}, or a generated one. {@code service} names it in refusals.
     */
    public static AccessPolicy forHost(String host, Map<String, String> env, String service) {
        Optional<String> teacher = Optional.ofNullable(env.get(TOKEN_ENV)).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> viewer = Optional.ofNullable(env.get(VIEWER_TOKEN_ENV)).map(String::strip).filter(s -> !s.isEmpty());
        boolean generated = false;
        if (teacher.isEmpty() && !isLoopback(host)) {
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            teacher = Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
            generated = true;
        }
        return new AccessPolicy(teacher, viewer, generated, service);
    }

    /** Whether a token is needed (bound beyond loopback, or one was set). */
    public boolean tokenRequired() {
        return teacherToken.isPresent();
    }

    /** The teacher token when it was generated here (to print once), else empty. */
    public Optional<String> generatedToken() {
        return generated ? teacherToken : Optional.empty();
    }

    /** The teacher token, for a login link (only when one is required). */
    public Optional<String> teacherToken() {
        return teacherToken;
    }

    /** The role of a presented token; empty when it is neither. */
    public Optional<Role> roleOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        if (teacherToken.isPresent() && constantTimeEquals(teacherToken.get(), token)) {
            return Optional.of(Role.TEACHER);
        }
        if (viewerToken.isPresent() && constantTimeEquals(viewerToken.get(), token)) {
            return Optional.of(Role.VIEWER);
        }
        return Optional.empty();
    }

    /** The token of an {@code Authorization: Bearer T} header, or null. */
    public static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
    }

    /**
     * Null when the request is same-origin enough; else the one-line reason to refuse it with 403.
     *
     * @param changesState anything but GET / HEAD / OPTIONS
     */
    public String sameOrigin(String host, String origin, String contentType, boolean changesState) {
        if (host == null || host.isBlank()) {
            return "missing Host header";
        }
        if (!tokenRequired() && !isLoopback(hostName(host))) {
            // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example
            return "Host '" + host + "' is not this computer; " + service + " on loopback answers only localhost / 127.0.0.1";
        }
        if (origin != null) {
            if (origin.equals("null")) {
                return "cross-site request from an opaque origin refused / 拒绝跨站请求";
            }
            if (!sameHost(origin, host)) {
                return "cross-site request from " + origin + " refused / 拒绝跨站请求";
            }
        }
        if (changesState) {
            String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                return "send JSON (Content-Type: application/json); got " + (contentType == null ? "no content type" : "'" + contentType + "'");
            }
        }
        return null;
    }

    public static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (LOOPBACK_NAMES.contains(h)) {
            return true;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI u = URI.create(origin);
            if (u.getHost() == null || u.getScheme() == null) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
            String oh = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
            int op = u.getPort() > 0 ? u.getPort() : defaultPort;
            return oh.equalsIgnoreCase(hostName(host)) && op == hostPort(host, defaultPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int hostPort(String host, int defaultPort) {
        String h = host.strip();
        int colon = h.lastIndexOf(':');
        if (colon < 0 || h.endsWith("]")) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String hostName(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return (colon > 0 ? h.substring(0, colon) : h).toLowerCase(Locale.ROOT);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
