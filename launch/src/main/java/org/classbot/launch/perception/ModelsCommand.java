package org.classbot.launch.perception;

import org.classbot.launch.app.UserError;
import org.classbot.launch.app.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.classbot.launch.app.AppOptions;
import org.classbot.perception.install.KnownModel;
import org.classbot.perception.install.ModelInstaller;
import org.classbot.perception.install.Npm;
import org.classbot.perception.model.ModelException;
import org.classbot.perception.model.ModelStore;
import org.classbot.perception.tfjs.TfjsConversionException;

/**
 * {@code classbot models install NAME [--from FILE.tgz]} and {@code classbot models list}: models are
 * fetched by npm package name and version with the user's npm client, checked, converted from
 * TF.js to ONNX and kept in the models folder ({@code perception.models_dir}, default
 * {@code ~/.classbot/models}, or {@code $CLASSBOT_HOME/models}).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Install and list the pose and detection models. 安装、查看姿态与检测模型。"},
        subcommands = {ModelsCommand.Install.class, ModelsCommand.ListModels.class})
public final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every models sub-command takes. */
    static final class Where {
        @Mixin
        AppOptions app;

        @Option(names = "--models-dir", paramLabel = "DIR", description = "models folder (default: perception.models_dir, ~/.classbot/models)")
        Path modelsDir;

        Path dir() {
            return app.app().modelsDir(modelsDir);
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Fetch a model's npm package (npm pack), verify its sha512, convert TF.js -> ONNX, store it.",
                    "下载模型的 npm 包，校验 sha512，转换为 ONNX 并保存。"})
    static final class Install implements Runnable {

        @Parameters(paramLabel = "NAME", description = "movenet-lightning | movenet-thunder | centernet")
        String name;

        @Option(names = "--from", paramLabel = "FILE.tgz",
                description = "install from a package tarball downloaded before (offline); e.g. from 'npm pack @vladmandic/human@3.3.6'")
        Path from;

        @Mixin
        Where where;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            KnownModel model = KnownModel.byId(name).orElseThrow(() -> new UserError("unknown model '" + name
                    + "': choose one of " + String.join(", ", KnownModel.ids()) + " (未知模型)"));
            Path dir = where.dir();
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
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

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the models ClassBot can install and those installed. 列出可安装和已安装的模型。"})
    static final class ListModels implements Runnable {

        @Option(names = "--json", description = "one JSON document")
        boolean json;

        @Mixin
        Where where;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ModelStore store = new ModelStore(where.dir());
            List<String> installed = store.installed();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (KnownModel m : KnownModel.values()) {
                rows.add(row(m.id(), m.kind().name().toLowerCase(Locale.ROOT), m.spec(), store.dir().resolve(m.fileName()), m.description()));
            }
            for (String other : installed) {
                if (KnownModel.byId(other).isEmpty()) {
                    rows.add(row(other, "user", "", store.dir().resolve(other + ".onnx"), ""));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("models_dir", store.dir().toString());
                doc.put("models", rows);
                Json.println(out, doc);
                return;
            }
            out.println("models folder 模型目录: " + store.dir());
            for (Map<String, Object> r : rows) {
                out.printf(Locale.ROOT, "  %-18s %-6s %-10s %-30s %s%n", r.get("name"), r.get("kind"),
                        Boolean.TRUE.equals(r.get("installed")) ? String.format(Locale.ROOT, "%.1f MB", ((Long) r.get("bytes")) / 1e6) : "-",
                        r.get("npm"), r.get("description"));
            }
            out.flush();
        }

        private static Map<String, Object> row(String name, String kind, String npm, Path file, String description) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", name);
            r.put("kind", kind);
            r.put("npm", npm);
            boolean present = Files.isRegularFile(file);
            r.put("installed", present);
            r.put("file", file.toString());
            try {
                r.put("bytes", present ? Files.size(file) : 0L);
            } catch (IOException e) {
                r.put("bytes", 0L);
            }
            r.put("description", description);
            return r;
        }
    }
}
