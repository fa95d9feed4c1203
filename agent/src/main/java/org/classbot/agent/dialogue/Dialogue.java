package org.classbot.agent.dialogue;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Confirmation;
import org.classbot.agent.plan.offline.Lexicon;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.Planner;
import org.classbot.agent.skill.ExecutionListener;
import org.classbot.agent.skill.ExecutionReport;
import org.classbot.agent.skill.PlanExecutor;
import org.classbot.agent.skill.StepResult;

/**
 * The conversation loop shared by the console and the dashboard: each utterance is planned at once
 * and run on one worker thread, in order. Control words never wait in the queue: "estop"/"急停"
 * latches the emergency stop, a plain "stop"/"停" cancels the running plan and everything queued,
 * "reset"/"复位" clears the e-stop. Nothing here talks to the robot except through the executor.
 */
public final class Dialogue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dialogue.class);


    private final Planner planner;
    private final PlanExecutor executor;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "classbot-dialogue");
        t.setDaemon(true);
        return t;
    });
    private final List<DialogueListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();

    private final Confirmation confirmation;
    private Plan awaitingYes;
    private String awaitingUtterance;

    public Dialogue(Planner planner, PlanExecutor executor) {
        this(planner, executor, Confirmation.NEVER);
    }

    /** With big moves waiting for a yes ({@code agent.confirm_over_m} / {@code confirm_over_deg}). */
    public Dialogue(Planner planner, PlanExecutor executor, Confirmation confirmation) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
    }

    /** The plan waiting for a yes, if any. */
    public synchronized java.util.Optional<Plan> awaitingConfirmation() {
        return java.util.Optional.ofNullable(awaitingYes);
    }

    public void addListener(DialogueListener l) {
        listeners.add(l);
    }

    public void removeListener(DialogueListener l) {
        listeners.remove(l);
    }

    public PlanExecutor executor() {
        return executor;
    }

    /** Whether a plan is running or waiting. */
    public boolean busy() {
        return pending.get() > 0;
    }

    /**
     * Takes one utterance: control words act at once; anything else is planned now and queued to run.
     *
     * @return the plan (empty for control words and for what was not understood)
     */
    public Plan hear(String utterance) {
        String u = utterance == null ? "" : utterance.strip();
        if (u.isEmpty()) {
            return Plan.of(List.of(), "control");
        }
        if (Lexicon.isEmergencyStop(u)) {
            emergencyStop();
            return Plan.of(List.of(), "control");
        }
        if (Lexicon.isReset(u)) {
            executor.robot().resetEmergencyStop();
            reply("急停已解除 / e-stop reset; the robot may move again");
            return Plan.of(List.of(), "control");
        }
        synchronized (this) {
            if (awaitingYes != null) {
                Plan waiting = awaitingYes;
                String said = awaitingUtterance;
                awaitingYes = null;
                if (Lexicon.isYes(u)) {
                    int gen = generation.get();
                    pending.incrementAndGet();
                    worker.submit(() -> run(said, waiting, gen));
                    return waiting;
                }
                listeners.forEach(l -> l.notConfirmed(waiting));
                reply("未确认，机器人没有移动 / not confirmed: nothing moved");
                if (Lexicon.isNo(u)) {
                    return Plan.of(List.of(), "control");
                }
            }
        }
        Plan plan = planner.plan(u);
        listeners.forEach(l -> l.planned(u, plan));
        java.util.Optional<String> ask = confirmation.question(plan);
        if (ask.isPresent()) {
            synchronized (this) {
                awaitingYes = plan;
                awaitingUtterance = u;
            }
            listeners.forEach(l -> l.awaiting(plan, ask.get()));
            reply(ask.get());
            return plan;
        }
        if (!plan.actions().isEmpty() && plan.actions().get(0) instanceof Action.Stop) {
            // a stop never waits behind the plan it is meant to stop
            generation.incrementAndGet();
            executor.cancel();
        }
        if (plan.actions().isEmpty()) {
            reply(String.join("\n", plan.notes()));
            return plan;
        }
        int gen = generation.get();
        pending.incrementAndGet();
        worker.submit(() -> run(u, plan, gen));
        return plan;
    }

    /** Latches the e-stop and cancels the running plan and the queue. Any thread, never waits. */
    public void emergencyStop() {
        Plan dropped;
        synchronized (this) {
            dropped = awaitingYes;
            awaitingYes = null;
        }
        if (dropped != null) {
            listeners.forEach(l -> l.notConfirmed(dropped));
        }
        generation.incrementAndGet();
        executor.emergencyStop();
        reply("急停已锁定，说“复位”解除 / E-STOP latched; say \"reset\" to clear it");
    }

    /** Cancels the running plan and the queue, then runs a {@code stop} (robot stopped, a count ended). Any thread. */
    public void stop() {
        Plan plan = Plan.of(List.of(new Action.Stop()), "control");
        listeners.forEach(l -> l.planned("stop", plan));
        generation.incrementAndGet();
        executor.cancel();
        int gen = generation.get();
        pending.incrementAndGet();
        worker.submit(() -> run("stop", plan, gen));
    }

    private void run(String utterance, Plan plan, int gen) {
        try {
            if (gen != generation.get()) {
                listeners.forEach(l -> l.cancelled(plan));
                reply("已取消 / cancelled: " + utterance);
                return;
            }
            ExecutionReport report = executor.execute(plan, new ExecutionListener() {
                @Override
                public void started(int index, Action action) {
                    listeners.forEach(l -> l.started(plan, index, action));
                }

                @Override
                public void finished(int index, StepResult result) {
                    listeners.forEach(l -> l.step(index, result));
                }
            });
            listeners.forEach(l -> l.done(utterance, report));
        } catch (RuntimeException e) {
            log.warn("plan for '{}' failed", utterance, e);
            reply("出错了 / failed: " + e.getMessage());
        } finally {
            pending.decrementAndGet();
        }
    }

    private void reply(String text) {
        if (!text.isBlank()) {
            listeners.forEach(l -> l.reply(text));
        }
    }

    /** Waits until the queue is empty (tests, scripted consoles). */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (busy()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        generation.incrementAndGet();
        executor.cancel();
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
