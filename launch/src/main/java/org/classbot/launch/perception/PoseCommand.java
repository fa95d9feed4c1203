package org.classbot.launch.perception;

import org.classbot.launch.app.Json;
import org.classbot.launch.perception.DetectCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.classbot.perception.Detector;
import org.classbot.perception.Frame;
import org.classbot.perception.Keypoint;
import org.classbot.perception.PoseEstimator;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.pipeline.FrameResult;
import org.classbot.perception.pipeline.Models;
import org.classbot.perception.pipeline.PerceptionListener;
import org.classbot.perception.pipeline.PerceptionPipeline;
import org.classbot.perception.pipeline.PersonPose;

/**
 * {@code classbot pose IMAGE|VIDEO --model FILE.onnx [--json] [--detector FILE|NAME]}: body keypoints
 * (COCO-17) per person. MoveNet alone follows one person; with {@code --detector} (e.g. centernet)
 * every detected person is tracked and posed on a crop; a YOLO pose export finds everyone itself.
 * JSON: {@code {"frame","t_s","people":[{"person","box","score","keypoints":[{"name","x","y","score"}]}]}},
 * one document for an image, one line per frame for a video.
 */
@Command(name = "pose", mixinStandardHelpOptions = true,
        description = {"Estimate human body keypoints in an image or video. 估计图像或视频中人体关键点。"})
public final class PoseCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "IMAGE|VIDEO", description = "image, video file, /dev/videoN or stream URL")
    String input;

    @Mixin
    PerceptionOptions shared;

    @Option(names = "--detector", paramLabel = "FILE.onnx|NAME", description = "also detect and track people with this model (e.g. centernet)")
    String detectorModel;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (PoseEstimator pose = shared.open(Models::poseEstimator, shared.poseModel());
             Detector detector = detectorModel == null ? null : shared.open(Models::detector, detectorModel);
             FrameSource source = PerceptionOptions.source(input)) {
            PerceptionPipeline.Builder b = PerceptionPipeline.builder()
                    .optPoseEstimator(pose)
                    .optMaxPeople(shared.settings().maxPeople())
                    .optMinPersonScore(shared.settings().minPersonScore());
            if (detector != null) {
                b.optDetector(detector);
            }
            boolean image = FrameSources.isImage(input);
            PerceptionPipeline pipeline = b.build();
            PerceptionOptions.guard(() -> pipeline.run(source, new PerceptionListener() {
                @Override
                public void onFrame(FrameResult r) {
                    print(out, r, image);
                }
            }));
        }
    }

    private void print(PrintWriter out, FrameResult r, boolean image) {
        if (shared.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (image) {
                doc.put("input", Path.of(input).getFileName().toString());
            }
            doc.put("frame", r.frame());
            doc.put("t_s", PerceptionOptions.round(r.timeSeconds(), 3));
            doc.put("people", r.people().stream().map(PerceptionOptions::person).toList());
            Json.println(out, doc);
            return;
        }
        long seen = r.people().stream().filter(p -> p.pose() != null).count();
        out.printf("frame %d  t=%.2fs  %d %s / %d 人%n", r.frame(), r.timeSeconds(), seen, seen == 1 ? "person" : "people", seen);
        for (PersonPose p : r.people()) {
            if (p.pose() == null) {
                continue;
            }
            out.printf("  person %d (score %.2f):%n", p.person(), p.pose().score());
            for (Keypoint k : p.pose().keypoints()) {
                out.printf("    %-15s %7.1f %7.1f  %.2f%n", k.name(), k.x(), k.y(), k.score());
            }
        }
        out.flush();
    }
}
