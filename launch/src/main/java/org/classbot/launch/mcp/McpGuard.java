package org.classbot.launch.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.classbot.launch.app.AccessPolicy;
import org.classbot.launch.app.Json;

/**
 * Who may use {@code /mcp}, checked before the SDK sees a request: the same {@link AccessPolicy} as the dashboard,
 * for a bearer-token API.
 * <ul>
 *   <li><b>Same origin, always</b> (DNS rebinding, CSRF): without a token the {@code Host} must be a loopback
 *       name; an {@code Origin}, when sent, must be this very server; a POST must be {@code application/json}.</li>
 *   <li><b>A token beyond loopback</b>: {@code Authorization: Bearer T} with the teacher token {@code CLASSBOT_WEB_TOKEN}
 *       (generated and printed once when unset). The viewer token ({@code CLASSBOT_WEB_VIEWER_TOKEN}) may only watch,
 *       so it gets no MCP (every call can change something). No cookies: a browser page cannot ride a session.</li>
 * </ul>
 * Refusals: 403 / 401 with a JSON-RPC error body saying why; nothing reaches the robot.
 */
final class McpGuard implements Filter {

    static final String TOKEN_ENV = AccessPolicy.TOKEN_ENV;
    static final String VIEWER_TOKEN_ENV = AccessPolicy.VIEWER_TOKEN_ENV;

    private final AccessPolicy policy;

    private McpGuard(AccessPolicy policy) {
        this.policy = policy;
    }

    /** On loopback no token is needed (the same-origin checks still apply); beyond it the teacher token is. */
    static McpGuard forHost(String host, Map<String, String> env) {
        return new McpGuard(AccessPolicy.forHost(host, env, "MCP"));
    }

    boolean tokenRequired() {
        return policy.tokenRequired();
    }

    /** The token to print once when it was generated (bound beyond loopback without CLASSBOT_WEB_TOKEN). */
    Optional<String> generatedToken() {
        return policy.generatedToken();
    }

    static boolean isLoopback(String host) {
        return AccessPolicy.isLoopback(host);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String why = sameOrigin(req);
        if (why != null) {
            refuse(res, 403, why);
            return;
        }
        if (tokenRequired()) {
            Optional<AccessPolicy.Role> role = policy.roleOf(AccessPolicy.bearer(req.getHeader("Authorization")));
            if (role.isEmpty()) {
                res.setHeader("WWW-Authenticate", "Bearer realm=\"classbot\"");
                refuse(res, 401, "send Authorization: Bearer TOKEN (the teacher token CLASSBOT_WEB_TOKEN) / 需要令牌");
                return;
            }
            if (role.get() != AccessPolicy.Role.TEACHER) {
                refuse(res, 403, "the viewer token may only watch the dashboard; MCP needs the teacher token / 观看令牌不能控制机器人");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Null when the request is same-origin enough; else why not (every POST carries JSON-RPC). */
    String sameOrigin(HttpServletRequest req) {
        return policy.sameOrigin(req.getHeader("Host"), req.getHeader("Origin"), req.getContentType(), "POST".equalsIgnoreCase(req.getMethod()));
    }

    private static void refuse(HttpServletResponse res, int status, String why) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json; charset=utf-8");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", null);
        body.put("error", Map.of("code", -32001, "message", why));
        res.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
