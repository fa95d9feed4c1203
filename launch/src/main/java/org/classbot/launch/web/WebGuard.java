package org.classbot.launch.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import org.classbot.launch.app.AccessPolicy;
import org.classbot.launch.app.AccessPolicy.Role;
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

    static final String TOKEN_ENV = AccessPolicy.TOKEN_ENV;
    static final String VIEWER_TOKEN_ENV = AccessPolicy.VIEWER_TOKEN_ENV;
    static final String COOKIE = "classbot_session";

    private final AccessPolicy policy;
    private final Map<String, Role> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private WebGuard(AccessPolicy policy) {
        this.policy = policy;
    }

    /** On loopback no token is needed (same-origin checks still apply); beyond it the teacher token is required. */
    static WebGuard forHost(String host, Map<String, String> env) {
        return new WebGuard(AccessPolicy.forHost(host, env, "the dashboard"));
    }

    /** Whether a token is needed (bound beyond loopback, or one was set). */
    boolean tokenRequired() {
        return policy.tokenRequired();
    }

    /** The login link to print once (only when a token is required). */
    Optional<String> loginLink(String baseUrl) {
        return policy.teacherToken().map(t -> baseUrl + "login?token=" + t);
    }

    static boolean isLoopback(String host) {
        return AccessPolicy.isLoopback(host);
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
        Optional<Role> role = policy.roleOf(t);
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
        String bearer = AccessPolicy.bearer(ctx.header("Authorization"));
        if (bearer != null) {
            return policy.roleOf(bearer);
        }
        String c = ctx.cookie(COOKIE);
        return c == null ? Optional.empty() : Optional.ofNullable(sessions.get(c));
    }

    /** Null when the request is same-origin enough; else why not. */
    private String sameOrigin(Context ctx) {
        return policy.sameOrigin(ctx.header("Host"), ctx.header("Origin"), ctx.header("Content-Type"), changesState(ctx));
    }

    private static boolean changesState(Context ctx) {
        HandlerType m = ctx.method();
        return !(m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS);
    }

    private static void refuse(Context ctx, int status, String why) {
        ctx.status(status).contentType("application/json").result(Json.write(Map.of("error", why)));
        ctx.skipRemainingHandlers();
    }
}
