package org.classbot.launch.web;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.perception.Detection;
import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.count.CounterSettings;
import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.frame.Images;
import org.classbot.perception.pipeline.FrameResult;
import org.classbot.perception.pipeline.Models;
import org.classbot.perception.pipeline.PerceptionPipeline;
import org.classbot.perception.pipeline.PersonPose;

/**
 * The camera panel's live view, on demand: frames from the configured source through the perception pipeline
 * (boxes, track ids, skeletons, and a per-person repetition count for the chosen exercise), pushed over the
 * console's WebSocket as {@code {"type":"camera", jpeg (base64), width, height, detections, people, reps}} about
 * five times a second. Its own source and counter: the agent's {@code count_exercise} keeps its own (a camera device
 * that cannot be opened twice shows the reason here).
 */
final class CameraFeed {

    private static final Logger log = LoggerFactory.getLogger(CameraFeed.class);
    private static final long PUSH_EVERY_MS = 200;
    private static final int MAX_WIDTH = 640;

    /**
     * @param source       the camera / video / stream ({@code agent.camera.source} or {@code --camera}); "" = none
     * @param findModel    a model name or file → its path (throws with the reason when not installed)
     * @param detectModel  {@code perception.detect_model}
     * @param poseModel    {@code perception.pose_model}
     */
    record Settings(String source, Function<String, Path> findModel, String detectModel, String poseModel, int detectEvery,
                    int maxPeople, double minPersonScore, double minKeypointScore) {
        static Settings none() {
            return new Settings("", n -> {
                throw new IllegalStateException("no models");
            }, "", "", 1, 4, 0.3, 0.3);
        }
    }

    private final Settings settings;
    private final Consumer<Map<String, Object>> push;
    private Thread thread;
    private volatile boolean running;
    private volatile String status = "";
    private volatile String exercise = "";

    CameraFeed(Settings settings, Consumer<Map<String, Object>> push) {
        this.settings = settings;
        this.push = push;
    }

    boolean configured() {
        return !settings.source().isBlank();
    }

    /** Starts the view (and a fresh count of {@code exerciseName}, or none when blank); stops a running one first. */
    synchronized Map<String, Object> start(String exerciseName) {
        if (!configured()) {
            throw new WebError(409, "未配置摄像头 / no camera configured (set agent.camera.source or pass --camera)");
        }
        Exercise ex = null;
        if (exerciseName != null && !exerciseName.isBlank()) {
            try {
                ex = Exercise.parse(exerciseName);
            } catch (RuntimeException e) {
                throw new WebError(400, "unknown exercise '" + exerciseName + "' / 未知的运动: squat, pushup, situp");
            }
        }
        stop();
        Exercise chosen = ex;
        exercise = ex == null ? "" : exerciseName.strip();
        running = true;
        status = "starting / 启动中";
        thread = new Thread(() -> run(chosen), "classbot-camera-view");
        thread.setDaemon(true);
        thread.start();
        return json();
    }

    synchronized Map<String, Object> stop() {
        running = false;
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return json();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configured", configured());
        m.put("source", settings.source());
        m.put("running", running);
        m.put("exercise", exercise);
        m.put("status", status);
        m.put("message", configured()
                ? "摄像头 / camera: " + settings.source()
                : "未配置摄像头（agent.camera.source 或 --camera）/ no camera configured (set agent.camera.source or pass --camera)");
        return m;
    }

    private void run(Exercise ex) {
        try (FrameSource source = FrameSources.open(settings.source());
             Detector detector = settings.detectModel().isBlank() ? null : Models.detector(settings.findModel().apply(settings.detectModel()));
             PoseEstimator pose = ex == null ? null : Models.poseEstimator(settings.findModel().apply(settings.poseModel()))) {
            PerceptionPipeline.Builder b = PerceptionPipeline.builder().optDetectEvery(Math.max(1, settings.detectEvery()))
                    .optMaxPeople(settings.maxPeople()).optMinPersonScore(settings.minPersonScore());
            if (detector != null) {
                b.optDetector(detector);
            }
            ExerciseCounter counter = null;
            if (pose != null) {
                b.optPoseEstimator(pose);
                counter = new ExerciseCounter(ex, CounterSettings.defaults().withMinKeypointScore(settings.minKeypointScore()), null);
                b.addCounter(counter);
            }
            PerceptionPipeline pipeline = b.build();
            status = "live / 实时";
            long lastPush = 0;
            long startNanos = System.nanoTime();
            while (running) {
                Optional<Frame> next = source.next();
                if (next.isEmpty()) {
                    status = "the video ended / 视频已结束";
                    break;
                }
                Frame frame = next.get();
                FrameResult r = pipeline.process(frame);
                if (!source.live() && source.frameRate() > 0) { // a file: at its own pace, not as fast as we can
                    long due = startNanos + (long) (frame.timestampSeconds() * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                long now = System.currentTimeMillis();
                if (now - lastPush >= PUSH_EVERY_MS) {
                    lastPush = now;
                    push.accept(message(frame, r, counter));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("camera view failed", e);
            status = "摄像头出错 / camera failed: " + e.getMessage();
        } finally {
            running = false;
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("type", "camera");
            end.putAll(json());
            push.accept(end);
        }
    }

    private Map<String, Object> message(Frame frame, FrameResult r, ExerciseCounter counter) {
        double scale = Math.min(1.0, (double) MAX_WIDTH / frame.width());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "camera");
        m.putAll(json());
        m.put("frame", r.frame());
        m.put("width", (int) Math.round(frame.width() * scale));
        m.put("height", (int) Math.round(frame.height() * scale));
        m.put("jpeg", jpeg(frame.image(), scale));
        List<Map<String, Object>> dets = new ArrayList<>();
        for (Detection d : r.detections()) {
            dets.add(Map.of("label", d.label(), "score", round(d.score()),
                    "box", List.of(round(d.box().x1() * scale), round(d.box().y1() * scale), round(d.box().x2() * scale), round(d.box().y2() * scale))));
        }
        m.put("detections", dets);
        List<Map<String, Object>> people = new ArrayList<>();
        for (PersonPose p : r.people()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.person());
            pm.put("box", List.of(round(p.box().x1() * scale), round(p.box().y1() * scale), round(p.box().x2() * scale), round(p.box().y2() * scale)));
            if (p.pose() != null) {
                List<List<Double>> kps = new ArrayList<>();
                for (Keypoint k : p.pose().keypoints()) {
                    kps.add(List.of(round(k.x() * scale), round(k.y() * scale), round(k.score())));
                }
                pm.put("keypoints", kps);
            }
            people.add(pm);
        }
        m.put("people", people);
        if (counter != null) {
            Map<String, Integer> reps = new LinkedHashMap<>();
            counter.perPerson().forEach((id, n) -> reps.put(String.valueOf(id), n));
            m.put("reps", reps);
            m.put("total", counter.total());
        }
        return m;
    }

    private static String jpeg(BufferedImage image, double scale) {
        try {
            return Images.jpegBase64(image, scale);
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
