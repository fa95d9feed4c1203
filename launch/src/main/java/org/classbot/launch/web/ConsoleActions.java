package org.classbot.launch.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.agent.plan.Plan;
import org.classbot.bridge.map.Place;
import org.classbot.bridge.map.RoomMap;

/**
 * What the console can do, shared by the HTTP API ({@code POST /api/NAME}) and the WebSocket
 * ({@code {"type":"NAME", ...}}): the same JSON in, the same JSON out. No logic of its own: each action is one
 * call into the {@link Dialogue} or the {@link Teleop} arbiter (which sends through the governor).
 */
final class ConsoleActions {

    private final Dialogue dialogue;
    private final PlanTracker plans;
    private final Teleop teleop;
    private final CameraFeed camera;
    private final RoomMap map;
    private final Runnable changed;

    ConsoleActions(Dialogue dialogue, PlanTracker plans, Teleop teleop, CameraFeed camera, RoomMap map, Runnable changed) {
        this.dialogue = dialogue;
        this.plans = plans;
        this.teleop = teleop;
        this.camera = camera;
        this.map = map;
        this.changed = changed;
    }

    /** Runs one action; {@code who} identifies the pad's owner (a socket, or null for HTTP). */
    Map<String, Object> run(String name, JsonNode body, Object who) {
        if (!name.equals("stop") && !name.equals("estop") && (body == null || !body.isObject())) {
            // stop and e-stop work whatever is sent; everything else takes a JSON object (found by the fuzz test)
            throw new WebError(400, "send a JSON object, e.g. {\"text\":\"...\"} / 请发送 JSON 对象");
        }
        Map<String, Object> out = switch (name) {
            case "say" -> say(body.path("text").asText(null));
            case "confirm" -> {
                if (!body.path("yes").isBoolean()) {
                    throw new WebError(400, "send {\"yes\":true} or {\"yes\":false} / 请确认或取消");
                }
                if (dialogue.awaitingConfirmation().isEmpty()) {
                    throw new WebError(409, "nothing is waiting for a confirmation / 没有待确认的计划");
                }
                yield answer(dialogue.hear(body.path("yes").asBoolean() ? "yes" : "no"));
            }
            case "goto" -> goTo(body.path("place").asText(""));
            case "stop" -> {
                teleop.release(null);
                dialogue.stop();
                yield ok();
            }
            case "estop" -> {
                dialogue.emergencyStop();
                teleop.release(null);
                yield ok();
            }
            case "reset" -> {
                dialogue.hear("reset");
                yield ok();
            }
            case "lock" -> {
                if (!body.path("on").isBoolean()) {
                    throw new WebError(400, "send {\"on\":true} or {\"on\":false} / 请指定暂停或解除");
                }
                teleop.lock(body.path("on").asBoolean());
                yield ok();
            }
            case "teleop" -> {
                JsonNode l = body.path("linear"), a = body.path("angular");
                if (!l.isNumber() || !a.isNumber() || Math.abs(l.asDouble()) > 1 || Math.abs(a.asDouble()) > 1) {
                    // a huge or missing number used to be clamped to full speed or read as 0 (found by the fuzz test)
                    throw new WebError(400, "the pad sends {\"linear\":-1..1,\"angular\":-1..1} (fractions of the top speed) / 遥控数值应在 -1 到 1 之间");
                }
                String why = teleop.drive(who, l.asDouble(), a.asDouble());
                if (why != null) {
                    throw new WebError(409, why);
                }
                yield ok();
            }
            case "teleop_stop" -> {
                teleop.release(who);
                yield ok();
            }
            case "camera" -> {
                if (!body.path("on").isBoolean()) {
                    throw new WebError(400, "send {\"on\":true, \"exercise\":\"squat\"} or {\"on\":false} / 请指定开始或停止");
                }
                yield body.path("on").asBoolean() ? camera.start(body.path("exercise").asText("")) : camera.stop();
            }
            default -> throw new WebError(404, "unknown action '" + name + "' / 未知操作");
        };
        changed.run();
        return out;
    }

    private Map<String, Object> say(String text) {
        if (text == null || text.isBlank()) {
            throw new WebError(400, "send {\"text\":\"...\"}: what to say to the robot / 请输入一句话");
        }
        return answer(dialogue.hear(text));
    }

    /** The plan as {@code /api/say} always answered, plus whether it now waits for a yes (and the question). */
    private Map<String, Object> answer(Plan plan) {
        Map<String, Object> doc = new LinkedHashMap<>(plan.toJson());
        if (!plan.notes().isEmpty()) {
            doc.put("notes", plan.notes());
        }
        Optional<Plan> waiting = dialogue.awaitingConfirmation();
        boolean awaiting = waiting.isPresent() && waiting.get() == plan;
        if (awaiting) { // only then, so that a plain plan's answer stays the contract document {"actions":[...]}
            doc.put("awaiting_confirmation", true);
            doc.put("question", plans.awaitingQuestion().orElse(""));
        }
        return doc;
    }

    /** A click on a named place: {@code go_to} it, through the dialogue like a typed "go to PLACE". */
    private Map<String, Object> goTo(String name) {
        Place place = map.places().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseGet(() -> map.place(name).orElseThrow(() -> new WebError(404,
                        "no place '" + name + "' on the map / 地图上没有这个地点; known: " + map.places().stream().map(Place::name).toList())));
        return answer(dialogue.hear("go to " + place.name()));
    }

    private static Map<String, Object> ok() {
        return Map.of("ok", true);
    }
}
