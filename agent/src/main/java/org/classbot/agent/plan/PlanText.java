package org.classbot.agent.plan;

import java.util.stream.Collectors;

/** Short bilingual descriptions of actions and plans for people (console, dashboard, CLI text output). */
public final class PlanText {

    private PlanText() {
    }

    /** e.g. {@code move 2 m — 前进 2 米}, {@code turn -90° — 右转 90 度}. */
    public static String describe(Action a) {
        if (a instanceof Action.Move m) {
            String d = num(Math.abs(m.distanceM()));
            String speed = m.speedMps().isPresent() ? " @ " + num(m.speedMps().getAsDouble()) + " m/s" : "";
            return "move " + num(m.distanceM()) + " m" + speed + " — " + (m.distanceM() >= 0 ? "前进 " : "后退 ") + d + " 米"
                    + (m.speedMps().isPresent() ? "，速度 " + num(m.speedMps().getAsDouble()) + " 米/秒" : "");
        }
        if (a instanceof Action.Turn t) {
            String d = num(Math.abs(t.angleDeg()));
            return "turn " + num(t.angleDeg()) + "° — " + (t.angleDeg() >= 0 ? "左转 " : "右转 ") + d + " 度";
        }
        if (a instanceof Action.Stop) {
            return "stop — 停止";
        }
        if (a instanceof Action.GoTo g) {
            return "go_to " + g.place() + " — 去 " + g.place();
        }
        if (a instanceof Action.Speak s) {
            return "speak \"" + s.text() + "\" — 说";
        }
        if (a instanceof Action.Answer q) {
            return "answer \"" + q.question() + "\" — 回答";
        }
        if (a instanceof Action.CountExercise c) {
            String zh = switch (c.exercise()) {
                case SITUP -> "仰卧起坐";
                case PUSHUP -> "俯卧撑";
                case SQUAT -> "深蹲";
            };
            return "count_exercise " + c.exercise().id() + (c.target().isPresent() ? " to " + c.target().getAsInt() : "")
                    + " — 数" + zh + (c.target().isPresent() ? "，目标 " + c.target().getAsInt() + " 个" : "");
        }
        if (a instanceof Action.DescribeScene) {
            return "describe_scene — 描述看到的场景";
        }
        return a.name();
    }

    /** How a number was read, e.g. {@code 两米 → 2 米 → 2 m}. */
    public static String describe(Plan.NumberReading r) {
        String unit = r.unit().isEmpty() ? "(no unit → " + r.siUnit() + ")" : r.unit();
        return r.text() + " → " + num(r.value()) + " " + unit + " → " + num(r.si()) + " " + r.siUnit();
    }

    /** One line per action, numbered. */
    public static String lines(Plan plan) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < plan.actions().size(); i++) {
            b.append(i + 1).append(". ").append(describe(plan.actions().get(i))).append('\n');
        }
        return b.toString();
    }

    /** The explanation: each clause, its rule, its numbers. */
    public static String explain(Plan plan) {
        StringBuilder b = new StringBuilder("planner: ").append(plan.planner()).append('\n');
        for (Plan.Step s : plan.trace()) {
            b.append("  “").append(s.clause()).append("” → ").append(s.rule());
            if (!s.numbers().isEmpty()) {
                b.append(": ").append(s.numbers().stream().map(PlanText::describe).collect(Collectors.joining("; ")));
            }
            if (!s.actions().isEmpty()) {
                b.append(" ⇒ ").append(s.actions().stream().map(Action::name).collect(Collectors.joining(", ")));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String num(double v) {
        double r = Actions.round(v, 4);
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }
}
