package org.classbot.launch.perception;

import org.classbot.launch.app.UserError;
import org.classbot.launch.app.Json;
import org.classbot.launch.perception.ModelsCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
import org.classbot.perception.pipeline.PerceptionListener;
import org.classbot.perception.pipeline.PerceptionPipeline;
import org.classbot.perception.pipeline.PersonPose;
import org.classbot.perception.pipeline.SceneDescriber;

/**
 * {@code classbot detect IMAGE|VIDEO --model FILE.onnx [--json]}: objects in a picture (with a
 * one-line scene description), or per frame of a video / camera / stream with tracked people.
 * The model is CenterNet ({@code classbot models install centernet}) or a YOLOv8/YOLO11 export.
 * JSON: an image gives one document {@code {"input","width","height","detections":[...],"scene":{"en","zh"}}};
 * a video gives one line per frame {@code {"frame","t_s","detections":[...],"people":[{"person","box"}]}}.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Detect objects in an image or video. 检测图像或视频中的物体。"})
public final class DetectCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "IMAGE|VIDEO", description = "image, video file, /dev/videoN or stream URL")
    String input;

    @Mixin
    PerceptionOptions shared;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Detector detector = shared.open(Models::detector, shared.detectModel());
             FrameSource source = PerceptionOptions.source(input)) {
            SceneDescriber describer = new SceneDescriber();
            if (FrameSources.isImage(input)) {
                Frame f = source.next().orElseThrow(() -> new UserError("no picture in " + input));
                List<Detection> dets = PerceptionOptions.guard(() -> detector.detect(f));
                SceneDescriber.Scene scene = describer.describe(dets);
                if (shared.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("input", Path.of(input).getFileName().toString());
                    doc.put("width", f.width());
                    doc.put("height", f.height());
                    doc.put("detections", dets.stream().map(PerceptionOptions::detection).toList());
                    Map<String, Object> sceneDoc = new LinkedHashMap<>();
                    sceneDoc.put("en", scene.english());
                    sceneDoc.put("zh", scene.chinese());
                    doc.put("scene", sceneDoc);
                    Json.println(out, doc);
                } else {
                    out.println(scene.bilingual());
                    dets.forEach(d -> out.println("  " + PerceptionOptions.describe(d)));
                    out.flush();
                }
                return;
            }
            PerceptionPipeline pipeline = PerceptionPipeline.builder().optDetector(detector)
                    .optMinPersonScore(shared.settings().minPersonScore()).build();
            PerceptionOptions.guard(() -> pipeline.run(source, new PerceptionListener() {
                @Override
                public void onFrame(FrameResult r) {
                if (shared.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("frame", r.frame());
                    doc.put("t_s", PerceptionOptions.round(r.timeSeconds(), 3));
                    doc.put("detections", r.detections().stream().map(PerceptionOptions::detection).toList());
                    doc.put("people", r.people().stream().map(p -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("person", p.person());
                        m.put("box", PerceptionOptions.box(p.box()));
                        return m;
                    }).toList());
                    Json.println(out, doc);
                } else {
                    out.printf("frame %d  t=%.2fs  %s%n", r.frame(), r.timeSeconds(),
                            describer.describe(r.detections()).bilingual());
                    out.flush();
                }
                }
            }));
        }
    }
}
