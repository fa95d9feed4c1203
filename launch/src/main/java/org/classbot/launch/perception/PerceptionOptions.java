package org.classbot.launch.perception;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classbot.launch.app.AppOptions;
import org.classbot.launch.app.ClassbotApp;
import org.classbot.launch.app.Json;
import org.classbot.launch.app.UserError;
import org.classbot.launch.config.ClassbotConfig;
import org.classbot.launch.config.PerceptionSettings;
import org.classbot.launch.perception.ModelsCommand;
import org.classbot.perception.Box;
import org.classbot.perception.Coco;
import org.classbot.perception.Detection;
import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.model.ModelException;
import org.classbot.perception.model.ModelStore;
import org.classbot.perception.pipeline.FrameResult;
import org.classbot.perception.pipeline.Models;
import org.classbot.perception.pipeline.PerceptionPipeline;
import org.classbot.perception.pipeline.PersonPose;
import org.classbot.perception.pipeline.SceneDescriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Options and helpers shared by {@code detect}, {@code pose} and {@code count}. */
public final class PerceptionOptions {

    @Option(names = "--model", paramLabel = "FILE.onnx|NAME",
            description = "model file, or the name of an installed model (default: perception.pose_model, or perception.detect_model for detect)")
    String model;

    @Option(names = "--install", description = "install a named model that is not installed yet (npm), instead of saying how")
    boolean install;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Mixin
    AppOptions app;

    /** The application of the configuration (loaded once). */
    ClassbotApp app() {
        return app.app();
    }

    /** The pose model: --model, else perception.pose_model. */
    String poseModel() {
        return model != null ? model : settings().poseModel();
    }

    /** The detector: --model, else perception.detect_model. */
    String detectModel() {
        return model != null ? model : settings().detectModel();
    }

    /** {@code perception.*} of the configuration. */
    PerceptionSettings settings() {
        return app().settings().perception();
    }

    /** Resolves a file or installed name and opens it with {@code opener}; errors become one-line user errors. */
    <T> T open(java.util.function.Function<Path, T> opener, String fileOrName) {
        ModelStore store = guard(() -> app().models(null));
        PrintWriter out = mixee.commandLine().getOut();
        PrintWriter err = mixee.commandLine().getErr();
        return guard(() -> opener.apply(ModelSetup.find(store, fileOrName, install, out, err)));
    }

    static FrameSource source(String input) {
        return guard(() -> FrameSources.open(input));
    }

    /** Runs {@code body}, turning the library's clear exceptions into {@link UserError}s. */
    static <T> T guard(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (ModelException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot decode")) {
                throw new UserError(e.getMessage(), e);
            }
            throw e;
        }
    }

    static double round(double v, int digits) {
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }

    static List<Double> box(Box b) {
        return List.of(round(b.x1(), 1), round(b.y1(), 1), round(b.x2(), 1), round(b.y2(), 1));
    }

    static Map<String, Object> detection(Detection d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", d.label());
        m.put("label_zh", d.label().equals(Coco.label(d.classId())) ? Coco.labelZh(d.classId()) : d.label());
        m.put("class_id", d.classId());
        m.put("score", round(d.score(), 4));
        m.put("box", box(d.box()));
        return m;
    }

    static String describe(Detection d) {
        Box b = d.box();
        String zh = d.label().equals(Coco.label(d.classId())) ? " " + Coco.labelZh(d.classId()) : "";
        return String.format("%s%s %.2f  [%.0f, %.0f, %.0f, %.0f]", d.label(), zh, d.score(),
                b.x1(), b.y1(), b.x2(), b.y2());
    }

    static Map<String, Object> person(PersonPose p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("person", p.person());
        m.put("box", box(p.box()));
        if (p.pose() != null) {
            m.put("score", round(p.pose().score(), 4));
            List<Map<String, Object>> kps = new ArrayList<>();
            for (Keypoint k : p.pose().keypoints()) {
                Map<String, Object> km = new LinkedHashMap<>();
                km.put("name", k.name());
                km.put("x", round(k.x(), 1));
                km.put("y", round(k.y(), 1));
                km.put("score", round(k.score(), 4));
                kps.add(km);
            }
            m.put("keypoints", kps);
        }
        return m;
    }
}
