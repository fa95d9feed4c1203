package org.classbot.launch.web;

import org.classbot.launch.app.AccessPolicy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.launch.app.Json;

/**
 * The one WebSocket ({@code /ws}) of the console. The server sends {@code hello} on connect (role, map, chat
 * history, camera, voice), {@code state} ten times a second (robot, plans, teleop) and {@code chat} for each new
 * conversation entry; the page sends actions ({@code {"type":"say","text":"..."}}, see {@link ConsoleActions})
 * and gets {@code {"type":"result","id":...}} back. The upgrade is checked by {@link WebGuard#checkUpgrade}; a
 * viewer's socket may only watch. A socket that closes while it drives the pad stops the robot.
 */
final class LiveHub {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    static final String ROLE = "classbot.role";

    private final Set<WsContext> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, AccessPolicy.Role> roles = new ConcurrentHashMap<>();
    private final Supplier<Map<String, Object>> hello;
    private final Actions actions;

    /** What runs an action (the {@link ConsoleActions}). */
    interface Actions {
        Map<String, Object> run(String name, JsonNode body, Object who);
    }
    private final Teleop teleop;

    LiveHub(Supplier<Map<String, Object>> hello, Actions actions, Teleop teleop) {
        this.hello = hello;
        this.actions = actions;
        this.teleop = teleop;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            AccessPolicy.Role role = ctx.attribute(ROLE);
            roles.put(ctx.sessionId(), role == null ? AccessPolicy.Role.VIEWER : role);
            clients.add(ctx);
            Map<String, Object> h = new java.util.LinkedHashMap<>(hello.get());
            h.put("role", roles.get(ctx.sessionId()).name().toLowerCase(java.util.Locale.ROOT));
            send(ctx, Json.write(h));
        });
        ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
        ws.onClose(ctx -> gone(ctx));
        ws.onError(ctx -> gone(ctx));
    }

    private void gone(WsContext ctx) {
        clients.remove(ctx);
        roles.remove(ctx.sessionId());
        teleop.release(ctx.sessionId()); // a lost socket never leaves the robot driving
    }

    private void onMessage(WsContext ctx, String text) {
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            send(ctx, Json.write(Map.of("type", "result", "error", "send JSON / 请发送 JSON")));
            return;
        }
        String type = msg.path("type").asText("");
        Map<String, Object> reply = new java.util.LinkedHashMap<>();
        reply.put("type", "result");
        reply.put("action", type);
        if (msg.has("id")) {
            reply.put("id", msg.get("id").asText());
        }
        if (type.equals("ping")) {
            reply.put("ok", true);
        } else if (roles.get(ctx.sessionId()) != AccessPolicy.Role.TEACHER) {
            reply.put("error", "the viewer token may only watch; the teacher token can control the robot / 观看令牌只能查看");
        } else {
            try {
                reply.putAll(actions.run(type, msg, ctx.sessionId()));
            } catch (WebError e) {
                reply.put("error", e.getMessage());
                reply.put("status", e.status);
            } catch (RuntimeException e) {
                log.warn("dashboard action {} failed", type, e);
                reply.put("error", "failed / 出错了: " + e.getMessage());
            }
        }
        if (!type.equals("teleop") || reply.containsKey("error")) {
            send(ctx, Json.write(reply));
        }
    }

    int clients() {
        return clients.size();
    }

    void broadcast(Map<String, Object> message) {
        if (clients.isEmpty()) {
            return;
        }
        String text = Json.write(message);
        for (WsContext c : clients) {
            send(c, text);
        }
    }

    private void send(WsContext ctx, String text) {
        try {
            synchronized (ctx.session) {
                if (ctx.session.isOpen()) {
                    ctx.send(text);
                }
            }
        } catch (RuntimeException e) {
            log.debug("dashboard socket gone", e);
            clients.remove(ctx);
        }
    }

    void closeAll() {
        for (WsContext c : clients) {
            try {
                c.closeSession();
            } catch (RuntimeException e) {
                log.debug("closing a dashboard socket", e);
            }
        }
        clients.clear();
    }
}
