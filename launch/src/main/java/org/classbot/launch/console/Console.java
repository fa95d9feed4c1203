package org.classbot.launch.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.classbot.agent.dialogue.Dialogue;
import org.classbot.bridge.RobotState;
import org.classbot.bridge.safety.SafetyGovernor;

/**
 * The console of {@code classbot run}: each line goes to the {@link Dialogue} (which plans it and runs it in
 * order; e-stop, stop and reset words act at once), plus console words: help, status, wait, quit.
 *
 * <p>Lines run in the order they were typed; a line that has to wait says so ("queued"). {@code quit}
 * typed at a terminal stops the robot and leaves at once; at the end of piped or scripted input (or a
 * {@code quit} in it) everything asked before runs to its end first, so a script's questions are all
 * answered.
 */
public final class Console {

    private static final List<String> QUIT = List.of("quit", "exit", "bye", "退出", "q");
    private static final List<String> HELP_WORDS = List.of("help", "帮助", "?", "？");
    private static final List<String> STATUS = List.of("status", "状态", "state");
    private static final List<String> WAIT = List.of("wait", "等待");

    static final String HELP = """
            例子 / examples:
              先前进两米，然后右转九十度 · turn left 45 degrees · 去白板 · go to the charging station · 说你好
              实验室里可以吃东西吗？ · Who may operate the robot? · 数10个俯卧撑 · 你看到了什么
            控制 / control: 停/stop (cancel) · 急停/estop (latched) · 复位/reset · status · wait · quit""";

    private final Dialogue dialogue;
    private final SafetyGovernor robot;
    private final ConsolePrinter out;
    private final boolean interactive;

    /** @param interactive a person at a terminal (quit stops at once) rather than a script (quit lets the queue finish) */
    public Console(Dialogue dialogue, SafetyGovernor robot, ConsolePrinter out, boolean interactive) {
        this.dialogue = dialogue;
        this.robot = robot;
        this.out = out;
        this.interactive = interactive;
    }

    /** Reads lines until the end of input or quit; returns true when the user asked to quit. */
    public boolean run(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String u = line.strip();
            if (u.startsWith("\uFEFF")) {
                u = u.substring(1).strip();
            }
            if (u.isEmpty()) {
                continue;
            }
            String lower = u.toLowerCase(Locale.ROOT);
            if (QUIT.contains(lower)) {
                if (interactive) {
                    dialogue.stop();
                } else {
                    finishQueue();
                }
                out.println("再见 / bye");
                return true;
            }
            if (HELP_WORDS.contains(lower)) {
                out.println(HELP);
                continue;
            }
            if (STATUS.contains(lower)) {
                out.println(status(robot.state(), robot.estopped()));
                continue;
            }
            if (WAIT.contains(lower)) {
                if (!finishQueue()) {
                    return false;
                }
                continue;
            }
            if (dialogue.busy()) {
                out.println("排队中，前面的完成后执行 / queued behind what is running: " + u);
            }
            dialogue.hear(u);
        }
        finishQueue();
        return false;
    }

    /** Lets everything asked so far run to its end; false when interrupted. */
    private boolean finishQueue() {
        try {
            dialogue.awaitIdle(10, TimeUnit.MINUTES);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One status line: pose, velocity, link, battery, e-stop. */
    public static String status(RobotState s, boolean estopped) {
        return String.format(Locale.ROOT, "pose x=%.3f m y=%.3f m θ=%.1f° · v=%.2f m/s w=%.2f rad/s · %s%s%s",
                s.pose().x(), s.pose().y(), Math.toDegrees(s.pose().theta()), s.velocity().linear(), s.velocity().angular(),
                s.connected() ? "connected" : "DISCONNECTED",
                s.battery().isPresent() ? String.format(Locale.ROOT, " · battery %.0f%%", s.battery().getAsDouble() * 100) : "",
                estopped || s.estopped() ? " · E-STOP LATCHED (say 'reset')" : "");
    }
}
