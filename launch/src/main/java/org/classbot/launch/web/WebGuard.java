package org.classbot.launch.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import org.classbot.launch.app.Json;

/**
 * Who may use the dashboard, checked before every request (secure by default):
 * <ul>
 *   <li><b>Same origin, always</b> (CSRF, DNS rebinding): a request that changes anything must be
 *       {@code application/json} and, when it carries an {@code Origin}, come from this very server; without a
 *       token the {@code Host} must be a loopback name. Anything else: 403 with a one-line reason.</li>
 *   <li><b>A token beyond loopback</b>: bound to another address, the dashboard needs the teacher token
 *       ({@code CLASSBOT_WEB_TOKEN}, or one generated and printed once as a login link). {@code /login?token=}
 *       sets an HttpOnly, SameSite=Strict session cookie; {@code Authorization: Bearer TOKEN} works for scripts.
 *       An optional viewer token ({@code CLASSBOT_WEB_VIEWER_TOKEN}) may only read (a projector). No or a wrong
 *       credential: 401, and nothing moves.</li>
 * </ul>
 */
final class WebGuard {

    static final String TOKEN_ENV = "CLASSBOT_WEB_TOKEN";
    static final String VIEWER_TOKEN_ENV = "CLASSBOT_WEB_VIEWER_TOKEN";
    static final String COOKIE = "classbot_session";

    enum Role { TEACHER, VIEWER }

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<String> teacherToken;
    private final Optional<String> viewerToken;
    private final Map<String, Role> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private WebGuard(Optional<String> teacherToken, Optional<String> viewerToken) {
        this.teacherToken = teacherToken;
        this.viewerToken = viewerToken;
    }

    /** On loopback no token is needed (same-origin checks still apply); beyond it the teacher token is required. */
    static WebGuard forHost(String host, Map<String, String> env) {
        Optional<String> teacher = Optional.ofNullable(env.get(TOKEN_ENV)).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> viewer = Optional.ofNullable(env.get(VIEWER_TOKEN_ENV)).map(String::strip).filter(s -> !s.isEmpty());
        if (teacher.isEmpty() && !isLoopback(host)) {
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            teacher = Optional.of(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        }
        return new WebGuard(teacher, viewer);
    }

    /** Whether a token is needed (bound beyond loopback, or one was set). */
    boolean tokenRequired() {
        return teacherToken.isPresent();
    }

    /** The login link to print once (only when a token is required). */
    Optional<String> loginLink(String baseUrl) {
        return teacherToken.map(t -> baseUrl + "login?token=" + t);
    }

    static boolean isLoopback(String host) {
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

    /** The before-handler: refuses (403/401) and ends the request, or lets it through. */
    void check(Context ctx) {
        String why = sameOrigin(ctx);
        if (why != null) {
            refuse(ctx, 403, why);
            return;
        }
        if (ctx.path().equals("/login")) {
            return;
        }
        if (!tokenRequired()) {
            return;
        }
        Optional<Role> role = role(ctx);
        if (role.isEmpty() && ctx.method() == HandlerType.GET && ctx.path().equals("/")) {
            // a browser without a session: the bilingual log-in form (it sends the token to /login)
            ctx.status(401).contentType("text/html; charset=utf-8").result(DashboardPage.resource("login.html"));
            ctx.skipRemainingHandlers();
            return;
        }
        if (role.isEmpty()) {
            refuse(ctx, 401, "log in first: open the login link ClassBot printed (or send Authorization: Bearer TOKEN) / 请先登录");
            return;
        }
        if (role.get() == Role.VIEWER && changesState(ctx)) {
            refuse(ctx, 403, "the viewer token may only watch; the teacher token can control the robot / 观看令牌只能查看");
        }
    }

    /**
     * Before a WebSocket upgrade (cross-site WebSocket hijacking): the same rules as HTTP — Host, an {@code Origin}
     * from this server, and beyond loopback a session cookie or bearer token. Throws to refuse (403 / 401, no upgrade);
     * returns the role the socket gets (a viewer's socket may only watch).
     */
    Role checkUpgrade(Context ctx) {
        String why = sameOrigin(ctx);
        if (why != null) {
            throw new io.javalin.http.ForbiddenResponse(why);
        }
        if (!tokenRequired()) {
            return Role.TEACHER;
        }
        return role(ctx).orElseThrow(() -> new io.javalin.http.UnauthorizedResponse(
                "log in first: open the login link ClassBot printed / 请先登录"));
    }

    /** The role of this request (teacher on loopback without a token); empty when not logged in. */
    Optional<Role> roleOf(Context ctx) {
        return tokenRequired() ? role(ctx) : Optional.of(Role.TEACHER);
    }

    /** {@code GET /login?token=T}: a session cookie for the token's role, then the page. */
    void login(Context ctx) {
        String t = ctx.queryParam("token");
        Optional<Role> role = t == null ? Optional.empty() : roleOf(t);
        if (role.isEmpty()) {
            refuse(ctx, 401, "wrong or missing token: use the login link ClassBot printed / 令牌无效");
            return;
        }
        byte[] b = new byte[24];
        random.nextBytes(b);
        String session = HexFormat.of().formatHex(b);
        sessions.put(session, role.get());
        ctx.header("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.header("Cache-Control", "no-store");
        ctx.redirect("/");
    }

    private Optional<Role> role(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return roleOf(auth.substring(7).strip());
        }
        String c = ctx.cookie(COOKIE);
        return c == null ? Optional.empty() : Optional.ofNullable(sessions.get(c));
    }

    private Optional<Role> roleOf(String token) {
        if (teacherToken.isPresent() && constantTimeEquals(teacherToken.get(), token)) {
            return Optional.of(Role.TEACHER);
        }
        if (viewerToken.isPresent() && constantTimeEquals(viewerToken.get(), token)) {
            return Optional.of(Role.VIEWER);
        }
        return Optional.empty();
    }

    /** Null when the request is same-origin enough; else why not. */
    private String sameOrigin(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            return "missing Host header";
        }
        if (!tokenRequired() && !isLoopback(hostName(host))) {
            // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example
            return "Host '" + host + "' is not this computer; the dashboard on loopback answers only localhost / 127.0.0.1";
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null")) {
            if (!sameHost(origin, host)) {
                return "cross-site request from " + origin + " refused / 拒绝跨站请求";
            }
        } else if (origin != null) {
            return "cross-site request from an opaque origin refused / 拒绝跨站请求";
        }
        if (changesState(ctx)) {
            String type = ctx.header("Content-Type");
            String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                return "send JSON (Content-Type: application/json); got " + (type == null ? "no content type" : "'" + type + "'");
            }
        }
        return null;
    }

    private static boolean changesState(Context ctx) {
        HandlerType m = ctx.method();
        return !(m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS);
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

    private static void refuse(Context ctx, int status, String why) {
        ctx.status(status).contentType("application/json").result(Json.write(Map.of("error", why)));
        ctx.skipRemainingHandlers();
    }
}
