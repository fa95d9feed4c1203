package org.classbot.launch.mcp;

import java.io.IOException;
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

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.classbot.launch.app.Json;

/**
 * Who may use {@code /mcp}, checked before the SDK sees a request: the dashboard's rules
 * ({@code launch.web.WebGuard}) for a bearer-token API.
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

    static final String TOKEN_ENV = "CLASSBOT_WEB_TOKEN";
    static final String VIEWER_TOKEN_ENV = "CLASSBOT_WEB_VIEWER_TOKEN";

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Optional<String> token;
    private final Optional<String> viewerToken;
    private final boolean generated;

    private McpGuard(Optional<String> token, Optional<String> viewerToken, boolean generated) {
        this.token = token;
        this.viewerToken = viewerToken;
        this.generated = generated;
    }

    /** On loopback no token is needed (the same-origin checks still apply); beyond it the teacher token is. */
    static McpGuard forHost(String host, Map<String, String> env) {
        Optional<String> t = Optional.ofNullable(env.get(TOKEN_ENV)).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> v = Optional.ofNullable(env.get(VIEWER_TOKEN_ENV)).map(String::strip).filter(s -> !s.isEmpty());
        boolean generated = false;
        if (t.isEmpty() && !isLoopback(host)) {
            byte[] b = new byte[18];
            new SecureRandom().nextBytes(b);
            t = Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
            generated = true;
        }
        return new McpGuard(t, v, generated);
    }

    boolean tokenRequired() {
        return token.isPresent();
    }

    /** The token to print once when it was generated (bound beyond loopback without CLASSBOT_WEB_TOKEN). */
    Optional<String> generatedToken() {
        return generated ? token : Optional.empty();
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
            String auth = req.getHeader("Authorization");
            String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
            if (given == null || !(equal(token.get(), given) || viewerToken.filter(v -> equal(v, given)).isPresent())) {
                res.setHeader("WWW-Authenticate", "Bearer realm=\"classbot\"");
                refuse(res, 401, "send Authorization: Bearer TOKEN (the teacher token CLASSBOT_WEB_TOKEN) / 需要令牌");
                return;
            }
            if (!equal(token.get(), given)) {
                refuse(res, 403, "the viewer token may only watch the dashboard; MCP needs the teacher token / 观看令牌不能控制机器人");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Null when the request is same-origin enough; else why not. */
    String sameOrigin(HttpServletRequest req) {
        String host = req.getHeader("Host");
        if (host == null || host.isBlank()) {
            return "missing Host header";
        }
        if (!tokenRequired() && !isLoopback(hostName(host))) {
            return "Host '" + host + "' is not this computer; MCP on loopback answers only localhost / 127.0.0.1 (DNS rebinding?)";
        }
        String origin = req.getHeader("Origin");
        if (origin != null) {
            if (origin.equals("null")) {
                return "cross-site request from an opaque origin refused / 拒绝跨站请求";
            }
            if (!sameHost(origin, host)) {
                return "cross-site request from " + origin + " refused / 拒绝跨站请求";
            }
        }
        if ("POST".equalsIgnoreCase(req.getMethod())) {
            String type = req.getContentType();
            String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                return "send JSON-RPC as Content-Type: application/json; got " + (type == null ? "no content type" : "'" + type + "'");
            }
        }
        return null;
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

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
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
