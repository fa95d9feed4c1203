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
                    "下载模型的 npm 包，校验 sha512，转换为 ONNX 并保存。",
                    "Example: classbot models install centernet movenet-lightning"})
    static final class Install implements Runnable {

        @Parameters(paramLabel = "NAME", arity = "1..*", description = "one or more of: movenet-lightning, movenet-thunder, centernet")
        List<String> names;

        @Option(names = "--from", paramLabel = "FILE.tgz",
                description = "install from a package tarball downloaded before (offline); e.g. from 'npm pack @vladmandic/human@3.3.6'")
        Path from;

        @Mixin
        Where where;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            List<KnownModel> models = new ArrayList<>();
            for (String name : names) {
                models.add(KnownModel.byId(name).orElseThrow(() -> new UserError("unknown model '" + name
                        + "': choose one of " + String.join(", ", KnownModel.ids()) + " (未知模型)")));
            }
            Path dir = where.dir();
            for (KnownModel model : models) {
                ModelSetup.install(model, from, dir, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
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
