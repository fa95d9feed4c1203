package org.classbot.agent.skill;

import java.util.OptionalInt;

import org.classbot.agent.plan.Action;

/** What the camera offers the skills: {@code describe_scene} and {@code count_exercise}. */
public interface Vision {

    /** One or two sentences about what the camera sees now. */
    String describeScene();

    /**
     * Starts counting repetitions (runs in the background; a later stop or a new count ends it).
     *
     * @return what to tell the user, e.g. "counting push-ups: 0 / 10"
     */
    String startCounting(Action.Exercise exercise, OptionalInt target);

    /** Stops counting, if running; returns the final count line or "" when nothing was counting. */
    default String stopCounting() {
        return "";
    }

    /** No camera configured: each request gets a clear reply and nothing else happens. */
    static Vision none(String why) {
        return new Vision() {
            @Override
            public String describeScene() {
                throw new SkillException("没有摄像头 / no camera: " + why);
            }

            @Override
            public String startCounting(Action.Exercise exercise, OptionalInt target) {
                throw new SkillException("没有摄像头 / no camera: " + why);
            }
        };
    }
}
