package org.classbot.agent.skill;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.plan.Action;
import org.classbot.perception.Detection;
import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.count.CounterSettings;
import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.count.RepEvent;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.model.ModelStore;
import org.classbot.perception.pipeline.Models;
import org.classbot.perception.pipeline.PerceptionListener;
import org.classbot.perception.pipeline.PerceptionPipeline;
import org.classbot.perception.pipeline.SceneDescriber;

/**
 * {@link Vision} on a real camera, video file or stream through the perception module's public API:
 * {@code describe_scene} grabs the newest frame and describes the detector's findings;
 * {@code count_exercise} runs the pose pipeline with a repetition counter on a background thread and
 * announces each repetition (and the target) through {@code announce}.
 */
public final class CameraVision implements Vision, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraVision.class);

    /**
     * @param source      video file, /dev/videoN or stream URL (what {@link FrameSources#open} takes)
     * @param detectModel detector model file or installed name (e.g. centernet)
     * @param poseModel   pose model file or installed name (e.g. movenet-lightning)
     * @param models      where installed models are looked up
     */
    public record Settings(String source, String detectModel, String poseModel, ModelStore models, int detectEvery,
                           int maxPeople, double minPersonScore, double minKeypointScore) {
        public Settings {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(models, "models");
        }
    }

    private final Settings settings;
    private final Consumer<String> announce;
    private Detector detector;
    private Counting counting;

    public CameraVision(Settings settings, Consumer<String> announce) {
        this.settings = settings;
        this.announce = Objects.requireNonNull(announce, "announce");
    }

    @Override
    public synchronized String describeScene() {
        if (detector == null) {
            detector = Models.detector(model(settings.detectModel(), "detector"));
        }
        try (FrameSource source = open()) {
            Frame frame = source.next().orElseThrow(() -> new SkillException("摄像头没有画面 / no frame from " + source.description()));
            List<Detection> detections = detector.detect(frame);
            return new SceneDescriber(settings.minPersonScore()).describe(detections).bilingual();
        }
    }

    @Override
    public synchronized String startCounting(Action.Exercise exercise, OptionalInt target) {
        stopCounting();
        Exercise ex = Exercise.parse(exercise.id());
        Path pose = model(settings.poseModel(), "pose");
        Optional<Path> det = settings.detectModel() == null || settings.detectModel().isBlank()
                ? Optional.empty() : Optional.of(model(settings.detectModel(), "detector"));
        counting = new Counting(ex, target, pose, det);
        counting.thread.start();
        return "开始数" + ex.chinese() + (target.isPresent() ? "（目标 " + target.getAsInt() + " 个）" : "")
                + " / counting " + ex.english() + "s" + (target.isPresent() ? " (target " + target.getAsInt() + ")" : "")
                + " on " + settings.source();
    }

    @Override
    public synchronized String stopCounting() {
        if (counting == null) {
            return "";
        }
        Counting c = counting;
        counting = null;
        c.stop();
        return c.summary();
    }

    /** Whether a count is running (tests, dashboard). */
    public synchronized boolean counting() {
        return counting != null && counting.thread.isAlive();
    }

    private FrameSource open() {
        try {
            return FrameSources.open(settings.source());
        } catch (RuntimeException e) {
            throw new SkillException("打不开摄像头 / cannot open the camera " + settings.source() + ": " + e.getMessage(), e);
        }
    }

    private Path model(String nameOrFile, String what) {
        try {
            return settings.models().find(nameOrFile);
        } catch (RuntimeException e) {
            throw new SkillException("没有" + what + "模型 / no " + what + " model: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        stopCounting();
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }

    /** One background count. */
    private final class Counting {
        private final Exercise exercise;
        private final OptionalInt target;
        private final Path poseModel;
        private final Optional<Path> detectModel;
        private final Thread thread;
        private volatile boolean stopped;
        private volatile PerceptionPipeline pipeline;
        private volatile int total;

        Counting(Exercise exercise, OptionalInt target, Path poseModel, Optional<Path> detectModel) {
            this.exercise = exercise;
            this.target = target;
            this.poseModel = poseModel;
            this.detectModel = detectModel;
            this.thread = new Thread(this::run, "classbot-count");
            this.thread.setDaemon(true);
        }

        private void run() {
            ExerciseCounter counter = new ExerciseCounter(exercise,
                    CounterSettings.defaults().withMinKeypointScore(settings.minKeypointScore()), null);
            // this thread owns the models and the source; the pipeline only borrows them
            try (FrameSource source = open();
                 PoseEstimator pose = Models.poseEstimator(poseModel);
                 Detector detector = detectModel.map(Models::detector).orElse(null)) {
                PerceptionPipeline.Builder b = PerceptionPipeline.builder().optPoseEstimator(pose).addCounter(counter)
                        .optDetectEvery(Math.max(1, settings.detectEvery())).optMaxPeople(settings.maxPeople())
                        .optMinPersonScore(settings.minPersonScore());
                if (detector != null) {
                    b.optDetector(detector);
                }
                PerceptionPipeline p = b.build();
                pipeline = p;
                if (!stopped) {
                    p.run(source, new PerceptionListener() {
                        @Override
                        public void onRep(RepEvent rep) {
                            total = counter.total();
                            announce.accept(exercise.chinese() + " " + total + " / " + exercise.english() + " " + total);
                            if (target.isPresent() && total >= target.getAsInt()) {
                                announce.accept("目标完成！/ target reached: " + total + " " + exercise.english() + "s");
                                stopped = true;
                                p.stop();
                            }
                        }
                    });
                }
                total = counter.total();
                if (!stopped) {
                    announce.accept("计数结束 / counting ended: " + summary());
                }
            } catch (RuntimeException e) {
                log.warn("counting failed", e);
                announce.accept("计数失败 / counting failed: " + e.getMessage());
            }
        }

        void stop() {
            stopped = true;
            PerceptionPipeline p = pipeline;
            if (p != null) {
                p.stop();
            }
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String summary() {
            return exercise.chinese() + " " + total + " 次 / " + total + " " + exercise.english() + (total == 1 ? "" : "s");
        }
    }
}
