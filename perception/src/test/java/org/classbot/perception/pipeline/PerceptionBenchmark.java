package org.classbot.perception.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.classbot.perception.image.SquareInput;
import org.classbot.perception.Box;
import org.classbot.perception.Detection;
import org.classbot.perception.Frame;
import org.classbot.perception.PoseEstimate;
import org.classbot.perception.count.Exercise;
import org.classbot.perception.count.ExerciseCounter;
import org.classbot.perception.frame.FrameSource;
import org.classbot.perception.frame.FrameSources;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.install.ModelInstaller;
import org.classbot.perception.install.Npm;
import org.classbot.perception.model.CenterNet;
import org.classbot.perception.model.ModelStore;
import org.classbot.perception.model.MoveNet;
import org.classbot.perception.model.OnnxModel;
import org.classbot.perception.model.Prepared;
import org.classbot.perception.track.IouTracker;
import org.classbot.perception.track.Track;

/**
 * Per-frame cost of the perception pipeline on vtest.avi, split into decode, preprocess,
 * {@code session.run}, postprocess, tracking and counting, and the ratio of the whole frame to
 * {@code session.run} alone; then the throughput of MoveNet-lightning and CenterNet alone.
 * Run by {@code launch/scripts/bench-perception.sh}. Arguments (all optional):
 * {@code --video FILE --frames N --threads N --movenet FILE --centernet FILE --people N}.
 * Models default to the installed ones, else they are converted from the npm tarballs in
 * {@code ~/.cache/classbot/npm} (what {@code fetch-test-models.sh} keeps).
 */
public final class PerceptionBenchmark {

    private PerceptionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path video = Path.of(a.getOrDefault("video", "/usr/share/doc/opencv-doc/examples/data/vtest.avi"));
        int frames = Integer.parseInt(a.getOrDefault("frames", "300"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        int people = Integer.parseInt(a.getOrDefault("people", "4"));
        Path movenetFile = model(a.get("movenet"), KnownModel.MOVENET_LIGHTNING);
        Path centernetFile = model(a.get("centernet"), KnownModel.CENTERNET);
        System.out.printf("ClassBot perception benchmark: %s, %d frames, ORT intra-op threads %d, %d cores visible, up to %d people posed%n",
                video.getFileName(), frames, threads, Runtime.getRuntime().availableProcessors(), people);

        System.err.println("loading " + centernetFile + " and " + movenetFile);
        try (CenterNet centernet = CenterNet.builder(OnnxModel.load(centernetFile, threads)).build();
             MoveNet movenet = new MoveNet(OnnxModel.load(movenetFile, threads))) {
            System.err.println("models loaded; warming up");
            warmUp(video, centernet, movenet);
            System.err.println("warmed up");
            pipeline(video, frames, people, centernet, movenet);
            alone(video, Math.min(frames, 200), centernet, movenet);
        }
    }

    private static void warmUp(Path video, CenterNet centernet, MoveNet movenet) {
        try (FrameSource src = FrameSources.open(video.toString())) {
            for (int i = 0; i < 10; i++) {
                Frame f = src.next().orElseThrow();
                centernet.detect(f);
                movenet.estimate(f);
            }
        }
    }

    /** The whole pipeline, stage by stage. */
    private static void pipeline(Path video, int frames, int maxPeople, CenterNet centernet, MoveNet movenet) {
        long decode = 0, detPre = 0, detRun = 0, detPost = 0, track = 0, posePre = 0, poseRun = 0, posePost = 0, count = 0;
        long poses = 0, n = 0, whole = 0;
        IouTracker tracker = new IouTracker();
        List<ExerciseCounter> counters = new ArrayList<>();
        for (Exercise e : Exercise.values()) {
            counters.add(new ExerciseCounter(e));
        }
        try (FrameSource src = FrameSources.open(video.toString())) {
            while (n < frames) {
                long t0 = System.nanoTime();
                Optional<Frame> of = src.next();
                if (of.isEmpty()) {
                    break;
                }
                Frame f = of.get();
                long t1 = System.nanoTime();
                float[][] rows;
                List<Detection> dets;
                try (Prepared<SquareInput> p = centernet.preprocess(f)) {
                    long t2 = System.nanoTime();
                    rows = centernet.infer(p);
                    long t3 = System.nanoTime();
                    dets = centernet.postprocess(rows, p.geometry());
                    long t4 = System.nanoTime();
                    detPre += t2 - t1;
                    detRun += t3 - t2;
                    detPost += t4 - t3;
                }
                long t5 = System.nanoTime();
                List<Track> tracks = tracker.update(f.index(), dets.stream().filter(d -> d.isPerson() && d.score() >= 0.3).toList())
                        .stream().filter(Track::seenNow).limit(maxPeople).toList();
                long t6 = System.nanoTime();
                track += t6 - t5;
                Map<Integer, PoseEstimate> byPerson = new java.util.HashMap<>();
                for (Track t : tracks) {
                    Box b = t.box().expand(0.2);
                    double side = Math.max(b.width(), b.height());
                    long p0 = System.nanoTime();
                    try (Prepared<SquareInput> p = movenet.preprocess(f, Box.ofCenter(b.centerX(), b.centerY(), side, side))) {
                        long p1 = System.nanoTime();
                        float[] raw = movenet.infer(p);
                        long p2 = System.nanoTime();
                        byPerson.put(t.id(), movenet.postprocess(raw, p.geometry()));
                        long p3 = System.nanoTime();
                        posePre += p1 - p0;
                        poseRun += p2 - p1;
                        posePost += p3 - p2;
                        poses++;
                    }
                }
                long c0 = System.nanoTime();
                for (ExerciseCounter c : counters) {
                    c.update(f.index(), f.timestampSeconds(), byPerson);
                }
                long c1 = System.nanoTime();
                count += c1 - c0;
                decode += t1 - t0;
                whole += c1 - t0;
                n++;
            }
        }
        double ms = 1e6 * n;
        long runs = detRun + poseRun;
        System.out.printf("%nPipeline per frame (CenterNet 512 + MoveNet-lightning 192 on each tracked person, %.2f poses/frame), mean of %d frames:%n",
                (double) poses / n, n);
        System.out.printf("  decode (FFmpeg)          %7.2f ms%n", decode / ms);
        System.out.printf("  preprocess  det / pose   %7.2f / %6.2f ms%n", detPre / ms, posePre / ms);
        System.out.printf("  session.run det / pose   %7.2f / %6.2f ms%n", detRun / ms, poseRun / ms);
        System.out.printf("  postprocess det / pose   %7.2f / %6.2f ms%n", detPost / ms, posePost / ms);
        System.out.printf("  tracking                 %7.3f ms%n", track / ms);
        System.out.printf("  counting (3 exercises)   %7.3f ms%n", count / ms);
        System.out.printf("  whole frame              %7.2f ms  = %.1f FPS%n", whole / ms, 1e9 * n / whole);
        System.out.printf("  session.run alone        %7.2f ms%n", runs / ms);
        System.out.printf("  RATIO whole frame / session.run = %.3f (aim <= 1.2)%n", (double) whole / runs);
        System.out.printf("  reps counted on walking people: %s%n",
                counters.stream().map(c -> c.exercise().name().toLowerCase() + "=" + c.total()).toList());
    }

    /** Each model alone on full frames. */
    private static void alone(Path video, int frames, CenterNet centernet, MoveNet movenet) {
        List<Frame> list = new ArrayList<>();
        try (FrameSource src = FrameSources.open(video.toString())) {
            for (int i = 0; i < frames; i++) {
                src.next().ifPresent(list::add);
            }
        }
        System.out.printf("%nModels alone on %d full %dx%d frames (decode excluded):%n", list.size(),
                list.get(0).width(), list.get(0).height());
        long run = 0, all = 0;
        for (Frame f : list) {
            long t0 = System.nanoTime();
            try (Prepared<SquareInput> p = movenet.preprocess(f, f.bounds())) {
                long t1 = System.nanoTime();
                float[] raw = movenet.infer(p);
                run += System.nanoTime() - t1;
                movenet.postprocess(raw, p.geometry());
            }
            all += System.nanoTime() - t0;
        }
        System.out.printf("  MoveNet-lightning: %6.1f FPS end to end (%.2f ms), %6.1f FPS session.run only (%.2f ms)%n",
                1e9 * list.size() / all, all / 1e6 / list.size(), 1e9 * list.size() / run, run / 1e6 / list.size());
        run = 0;
        all = 0;
        for (Frame f : list) {
            long t0 = System.nanoTime();
            try (Prepared<SquareInput> p = centernet.preprocess(f)) {
                long t1 = System.nanoTime();
                float[][] rows = centernet.infer(p);
                run += System.nanoTime() - t1;
                centernet.postprocess(rows, p.geometry());
            }
            all += System.nanoTime() - t0;
        }
        System.out.printf("  CenterNet:         %6.1f FPS end to end (%.2f ms), %6.1f FPS session.run only (%.2f ms)%n",
                1e9 * list.size() / all, all / 1e6 / list.size(), 1e9 * list.size() / run, run / 1e6 / list.size());
    }

    private static Path model(String given, KnownModel m) throws IOException {
        if (given != null) {
            return Path.of(given);
        }
        Path installed = ModelStore.standard().dir().resolve(m.id() + ".onnx");
        if (Files.isRegularFile(installed)) {
            return installed;
        }
        String cache = System.getenv().getOrDefault("CLASSBOT_NPM_CACHE",
                Path.of(System.getProperty("user.home"), ".cache", "classbot", "npm").toString());
        Path tgz = Path.of(cache, m.tarballName());
        if (!Files.isRegularFile(tgz)) {
            throw new IllegalStateException(m.id() + " is neither installed (" + installed + ") nor cached (" + tgz
                    + "): run 'classbot models install " + m.id() + "' or launch/scripts/fetch-test-models.sh");
        }
        Path dir = Path.of("target", "bench-models").toAbsolutePath();
        Path out = dir.resolve(m.id() + ".onnx");
        if (!Files.isRegularFile(out)) {
            new ModelInstaller(new Npm(), dir).install(m, tgz, ModelInstaller.Progress.NONE);
        }
        return out;
    }
}
