package org.classbot.agent.skill;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Confirmation;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.PlanText;
import org.classbot.agent.plan.PlanValidator;
import org.classbot.bridge.safety.SafetyGovernor;
import org.classbot.bridge.skill.MotionSkills;
import org.classbot.bridge.skill.SkillResult;

/**
 * Runs a plan, one action after another: motion through the robot-bridge motion skills (closed loop
 * on odometry, through the safety governor — there is no other way to the robot), speech to the robot
 * and the listener, answers from the knowledge base, scene and counting from the camera.
 *
 * <p>The plan is checked against the limits first; a plan that breaks one is refused whole and nothing
 * moves. A {@code stop} action, {@link #cancel()} or {@link #emergencyStop()} (from any thread) ends
 * the running action and cancels the rest. A motion that fails (blocked, e-stopped, disconnected)
 * skips the rest, so the robot never carries on from an unexpected place.
 */
public final class PlanExecutor {

    private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);

    private final SafetyGovernor robot;
    private final MotionSkills motion;
    private final Answerer answerer;
    private final Vision vision;
    private final PlanValidator validator;
    private final Confirmation confirmation;
    private final Confirmer confirmer;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean cancelled;

    /** The one way to build an executor (item 10): it creates its own {@link MotionSkills} over the robot and map. */
    public static Builder builder(SafetyGovernor robot) {
        return new Builder(robot);
    }

    /** Builds a {@link PlanExecutor}; defaults: no map, no knowledge base, no camera, {@link PlanLimits#defaults}, never asks. */
    public static final class Builder {
        private final SafetyGovernor robot;
        private org.classbot.bridge.map.RoomMap map;
        private Answerer answerer = Answerer.none("未配置知识库 / no knowledge base configured");
        private Vision vision = Vision.none("未配置摄像头 / no camera configured");
        private org.classbot.agent.plan.PlanLimits limits;
        private Confirmation confirmation = Confirmation.NEVER;
        private Confirmer confirmer = Confirmer.ALWAYS;

        private Builder(SafetyGovernor robot) {
            this.robot = Objects.requireNonNull(robot, "robot");
        }

        public Builder map(org.classbot.bridge.map.RoomMap map) {
            this.map = Objects.requireNonNull(map, "map");
            return this;
        }

        public Builder answerer(Answerer answerer) {
            this.answerer = Objects.requireNonNull(answerer, "answerer");
            return this;
        }

        public Builder vision(Vision vision) {
            this.vision = Objects.requireNonNull(vision, "vision");
            return this;
        }

        public Builder limits(org.classbot.agent.plan.PlanLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Asks {@code confirmer} before a plan with a step over the thresholds ({@code agent.confirm_over_m} /
         * {@code confirm_over_deg}, the same {@link Confirmation} the dialogue uses); a "no" refuses every step
         * and nothing moves. For callers that can ask synchronously (MCP elicitation, a y/n prompt); the dialogue
         * asks in turn instead and runs the plan after the yes.
         */
        public Builder confirm(Confirmation confirmation, Confirmer confirmer) {
            this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
            this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
            return this;
        }

        public PlanExecutor build() {
            MotionSkills motion = map == null ? new MotionSkills(robot) : new MotionSkills(robot, map);
            org.classbot.agent.plan.PlanLimits l = limits != null ? limits
                    : org.classbot.agent.plan.PlanLimits.defaults(map == null ? org.classbot.agent.plan.PlaceCatalog.defaults() : MapPlaces.catalog(map));
            return new PlanExecutor(robot, motion, answerer, vision, new PlanValidator(l), confirmation, confirmer);
        }
    }

    private PlanExecutor(SafetyGovernor robot, MotionSkills motion, Answerer answerer, Vision vision, PlanValidator validator,
                         Confirmation confirmation, Confirmer confirmer) {
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
        this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
        this.robot = Objects.requireNonNull(robot, "robot");
        this.motion = Objects.requireNonNull(motion, "motion");
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.vision = Objects.requireNonNull(vision, "vision");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    public SafetyGovernor robot() {
        return robot;
    }

    /** Runs the plan on this thread; one plan at a time (a second caller waits). */
    public ExecutionReport execute(Plan plan, ExecutionListener listener) {
        running.lock();
        try {
            cancelled = false;
            List<Action> actions = plan.actions();
            List<StepResult> results = new ArrayList<>();
            List<String> violations = validator.violations(actions);
            if (!violations.isEmpty()) {
                String why = "计划被拒绝，机器人没有移动 / plan refused, nothing moved: " + String.join("; ", violations);
                for (int i = 0; i < actions.size(); i++) {
                    StepResult r = new StepResult(actions.get(i), StepResult.Status.REFUSED, why, 0);
                    results.add(r);
                    listener.finished(i, r);
                }
                return new ExecutionReport(results);
            }
            List<String> prompts = confirmation.questions(plan);
            if (!prompts.isEmpty() && !confirmer.confirm(plan, prompts)) {
                String why = "未确认，机器人没有移动 / not confirmed, nothing moved: " + String.join("; ", prompts);
                for (int i = 0; i < actions.size(); i++) {
                    StepResult r = new StepResult(actions.get(i), StepResult.Status.REFUSED, why, 0);
                    results.add(r);
                    listener.finished(i, r);
                }
                return new ExecutionReport(results);
            }
            boolean skipRest = false;
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                StepResult r;
                if (cancelled) {
                    r = new StepResult(a, StepResult.Status.CANCELLED, "已取消 / cancelled by stop", 0);
                } else if (skipRest) {
                    r = new StepResult(a, StepResult.Status.SKIPPED, "前一步失败，已跳过 / skipped: an earlier step failed", 0);
                } else {
                    listener.started(i, a);
                    r = run(a);
                    if (!r.ok() && a.movesRobot()) {
                        skipRest = true;
                    }
                    if (a instanceof Action.Stop) {
                        cancelled = true;
                    }
                }
                results.add(r);
                listener.finished(i, r);
            }
            return new ExecutionReport(results);
        } finally {
            running.unlock();
        }
    }

    /**
     * Ends the running action, stops the robot and cancels the rest of the plan. Any thread. A count
     * running in the background goes on: a {@code stop} action ends it and reports the total.
     */
    public void cancel() {
        cancelled = true;
        motion.cancel();
    }

    /**
     * Pauses the plan's motion without ending it (a higher-priority source, the teacher's pad, drives): the running
     * step sends nothing and its timeouts stop; {@link #resume()} carries on with what was left of it. Any thread.
     */
    public void hold() {
        motion.hold();
    }

    /** Ends a {@link #hold()}. */
    public void resume() {
        motion.resume();
    }

    /** Latches the robot's emergency stop (only a reset clears it) and cancels the plan. Any thread. */
    public void emergencyStop() {
        cancelled = true;
        robot.emergencyStop();
        motion.cancel();
    }

    private StepResult run(Action a) {
        long t0 = System.nanoTime();
        try {
            return switch (a.kind()) {
                case MOVE -> {
                    Action.Move m = (Action.Move) a;
                    SkillResult r = m.speedMps().isPresent() ? motion.move(m.distanceM(), m.speedMps().getAsDouble()) : motion.move(m.distanceM());
                    yield motionResult(a, r, "%.3f m");
                }
                case TURN -> motionResult(a, motion.turn(((Action.Turn) a).angleDeg()), "%.1f°");
                case GO_TO -> {
                    SkillResult r = motion.goTo(((Action.GoTo) a).place());
                    yield new StepResult(a, r.ok() ? StepResult.Status.DONE : status(r), r.message(), ms(t0));
                }
                case STOP -> {
                    motion.cancel();
                    robot.stop();
                    String counting = vision.stopCounting();
                    yield new StepResult(a, StepResult.Status.DONE, "已停止 / stopped" + (counting.isEmpty() ? "" : "; " + counting), ms(t0));
                }
                case SPEAK -> {
                    Action.Speak s = (Action.Speak) a;
                    try {
                        robot.say(s.text());
                    } catch (UnsupportedOperationException e) {
                        log.debug("robot has no speech output; text only", e);
                    }
                    yield new StepResult(a, StepResult.Status.DONE, s.text(), ms(t0));
                }
                case ANSWER -> {
                    Answerer.Reply reply = answerer.answer(((Action.Answer) a).question());
                    StringBuilder text = new StringBuilder(reply.text());
                    for (String src : reply.sources()) {
                        text.append('\n').append("  ").append(src);
                    }
                    yield new StepResult(a, StepResult.Status.DONE, text.toString(), ms(t0));
                }
                case DESCRIBE_SCENE -> new StepResult(a, StepResult.Status.DONE, vision.describeScene(), ms(t0));
                case COUNT_EXERCISE -> {
                    Action.CountExercise c = (Action.CountExercise) a;
                    yield new StepResult(a, StepResult.Status.DONE, vision.startCounting(c.exercise(), c.target()), ms(t0));
                }
            };
        } catch (SkillException e) {
            return new StepResult(a, StepResult.Status.FAILED, e.getMessage(), ms(t0));
        } catch (RuntimeException e) {
            log.warn("action {} failed", a.name(), e);
            return new StepResult(a, StepResult.Status.FAILED, PlanText.describe(a) + ": " + e.getMessage(), ms(t0));
        }
    }

    private StepResult motionResult(Action a, SkillResult r, String fmt) {
        String msg = r.ok()
                ? PlanText.describe(a) + " — done: " + String.format(java.util.Locale.ROOT, fmt, r.achieved())
                : PlanText.describe(a) + " — " + r.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.message();
        return new StepResult(a, r.ok() ? StepResult.Status.DONE : status(r), msg, r.elapsedMillis());
    }

    /** Cancelled; refused for safety (e-stop, geofence or wall, link down, rejected command); else failed. */
    private StepResult.Status status(SkillResult r) {
        if (r.outcome() == SkillResult.Outcome.CANCELLED || cancelled) {
            return StepResult.Status.CANCELLED;
        }
        return switch (r.outcome()) {
            case ESTOPPED, BLOCKED, DISCONNECTED, REJECTED -> StepResult.Status.REFUSED;
            default -> StepResult.Status.FAILED;
        };
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
