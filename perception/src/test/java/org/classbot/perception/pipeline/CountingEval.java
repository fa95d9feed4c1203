package org.classbot.perception.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.model.CenterNet;
import org.classbot.perception.model.MoveNet;
import org.classbot.perception.model.TestModels;

/**
 * Repetition-counting evaluation with the standard metrics of RepCount / TransRAC / PoseRAC: MAE (mean absolute
 * error of the count, here also normalised by the true count where it is not 0) and OBO (off-by-one accuracy: the
 * share of clips counted within ±1), plus exact. Reads {@code count-clips.tsv} (clip, exercise, hand count); the
 * development clips live in {@code ../shared/exercise/} (test use only) and vtest.avi in Debian's opencv-doc.
 * Clips that are not readable here are listed and left out. Run with {@code launch/scripts/eval-counting.sh
 * [--detector]} (MoveNet-lightning; {@code --detector} adds CenterNet tracking every 5th frame).
 */
public final class CountingEval {

    private CountingEval() {
    }

    public static void main(String[] args) throws IOException {
        boolean detector = List.of(args).contains("--detector");
        Path shared = RealVideoTest.EXERCISE;
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = CountingEval.class.getResourceAsStream("/count-clips.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        }
        System.out.printf(Locale.ROOT, "| clip | exercise | hand | counted | error | mean confidence |%n|---|---|---|---|---|---|%n");
        double absSum = 0, relSum = 0;
        int n = 0, relN = 0, exact = 0, obo = 0;
        try (MoveNet pose = MoveNet.load(TestModels.onnx(KnownModel.MOVENET_LIGHTNING));
             CenterNet det = detector ? CenterNet.load(TestModels.onnx(KnownModel.CENTERNET)) : null) {
            for (String[] r : rows) {
                Path clip = r[0].startsWith("/") ? Path.of(r[0]) : shared.resolve(r[0]);
                if (!Files.isReadable(clip)) {
                    System.out.printf("| %s | %s | %s | not readable here, left out | | |%n", clip.getFileName(), r[1], r[2]);
                    continue;
                }
                Exercise exercise = Exercise.parse(r[1]);
                int truth = Integer.parseInt(r[2]);
                ExerciseCounter counter = new ExerciseCounter(exercise);
                PerceptionPipeline.Builder b = PerceptionPipeline.builder().optPoseEstimator(pose).addCounter(counter).optDetectEvery(5);
                if (det != null) {
                    b.optDetector(det);
                }
                try (FrameSource src = FrameSources.open(clip.toString())) {
                    b.build().run(src);
                }
                int counted = counter.total();
                double conf = counter.events().stream().mapToDouble(e -> e.confidence()).average().orElse(Double.NaN);
                int err = counted - truth;
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %+d | %s |%n", clip.getFileName(), exercise.english(), truth, counted, err,
                        Double.isNaN(conf) ? "–" : String.format(Locale.ROOT, "%.2f", conf));
                n++;
                absSum += Math.abs(err);
                if (truth > 0) {
                    relSum += Math.abs(err) / (double) truth;
                    relN++;
                }
                exact += err == 0 ? 1 : 0;
                obo += Math.abs(err) <= 1 ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "%nclips %d%s: MAE %.3f reps, MAE/true (clips with reps) %.3f, OBO %.2f, exact %d/%d%n", n,
                detector ? " (with CenterNet)" : "", absSum / Math.max(1, n), relSum / Math.max(1, relN), obo / (double) Math.max(1, n), exact, n);
    }
}
