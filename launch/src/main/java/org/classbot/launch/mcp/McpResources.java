package org.classbot.launch.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;

import org.classbot.agent.plan.Confirmation;
import org.classbot.agent.plan.PlanLimits;
import org.classbot.bridge.map.Point;
import org.classbot.bridge.map.Polygon;
import org.classbot.bridge.map.RoomMap;
import org.classbot.bridge.safety.SafetyLimits;
import org.classbot.launch.app.Json;

/**
 * The MCP resources (read-only JSON): {@code classbot://map} (walls, places, geofence),
 * {@code classbot://limits} (governor and plan limits, when a yes is needed) and {@code classbot://kb/documents}.
 */
final class McpResources {

    static final String MAP = "classbot://map";
    static final String LIMITS = "classbot://limits";
    static final String DOCUMENTS = "classbot://kb/documents";

    private McpResources() {
    }

    static List<SyncResourceSpecification> all(McpEngine engine, RoomMap map) {
        return List.of(
                spec(MAP, "map", "Classroom map and places / 教室地图与地点",
                        "Walls, named places (x, y in metres, theta_deg) and the geofence the governor keeps the robot in.",
                        () -> map(map)),
                spec(LIMITS, "limits", "Robot limits / 机器人限制",
                        "The governor's speed limits and the plan limits every execute is checked against, and when a move needs confirm:true.",
                        () -> limits(engine.robot().limits(), engine.validator().limits(), engine.confirmation())),
                spec(DOCUMENTS, "kb-documents", "Knowledge-base documents / 知识库文档",
                        "The documents indexed in the knowledge base (doc, source, passages).",
                        engine::documents));
    }

    /** {@link #all} plus {@code classbot://camera/frame} (a JPEG of the camera now) when a camera is configured. */
    static List<SyncResourceSpecification> withCamera(McpEngine engine, RoomMap map) {
        CameraFrame camera = engine.cameraFrame();
        if (!camera.configured()) {
            return all(engine, map);
        }
        List<SyncResourceSpecification> out = new java.util.ArrayList<>(all(engine, map));
        McpSchema.Resource r = McpSchema.Resource.builder().uri(CameraFrame.URI).name("camera-frame")
                .title("Camera frame / 摄像头画面").description("A JPEG of what the robot's camera sees now.").mimeType("image/jpeg").build();
        out.add(new SyncResourceSpecification(r, (exchange, req) -> new McpSchema.ReadResourceResult(
                List.of(new McpSchema.BlobResourceContents(CameraFrame.URI, "image/jpeg", camera.jpegBase64())))));
        return List.copyOf(out);
    }

    private static SyncResourceSpecification spec(String uri, String name, String title, String description,
                                                  Supplier<Map<String, Object>> body) {
        McpSchema.Resource r = McpSchema.Resource.builder().uri(uri).name(name).title(title).description(description)
                .mimeType("application/json").build();
        return new SyncResourceSpecification(r, (exchange, req) -> new McpSchema.ReadResourceResult(
                List.of(new McpSchema.TextResourceContents(uri, "application/json", Json.write(body.get())))));
    }

    static Map<String, Object> map(RoomMap map) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("walls", points(map.walls()));
        m.put("places", map.places().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("x", p.pose().x());
            pm.put("y", p.pose().y());
            pm.put("theta_deg", Math.toDegrees(p.pose().theta()));
            pm.put("aliases", p.aliases());
            return pm;
        }).toList());
        m.put("geofence", map.geofence() == null ? null : points(map.geofence()));
        return m;
    }

    static Map<String, Object> limits(SafetyLimits s, PlanLimits p, Confirmation c) {
        Map<String, Object> gov = new LinkedHashMap<>();
        gov.put("max_linear_mps", s.maxLinear());
        gov.put("max_angular_rad_s", s.maxAngular());
        gov.put("reject_linear_mps", s.rejectLinear());
        gov.put("reject_angular_rad_s", s.rejectAngular());
        gov.put("watchdog_ms", s.watchdog().toMillis());
        gov.put("geofence", s.geofence().isPresent());
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("max_distance_m", p.maxDistanceM());
        plan.put("max_angle_deg", p.maxAngleDeg());
        plan.put("max_speed_mps", p.maxSpeedMps());
        plan.put("max_actions", p.maxActions());
        plan.put("max_text_chars", p.maxTextChars());
        plan.put("max_target", p.maxTarget());
        plan.put("places", p.places().names());
        Map<String, Object> confirm = new LinkedHashMap<>();
        confirm.put("over_m", c.overM());
        confirm.put("over_deg", c.overDeg());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("governor", gov);
        m.put("plan", plan);
        m.put("confirm", confirm);
        return m;
    }

    private static List<List<Double>> points(Polygon p) {
        return p.vertices().stream().map((Point v) -> List.of(v.x(), v.y())).toList();
    }
}
