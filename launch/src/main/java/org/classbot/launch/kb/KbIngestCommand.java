package org.classbot.launch.kb;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.classbot.knowledge.FileOutcome;
import org.classbot.knowledge.IngestListener;
import org.classbot.knowledge.IngestReport;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.launch.app.Json;
import org.classbot.launch.app.UserError;

/** {@code classbot kb ingest PATH... --index DIR}: add or update files and folders. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Add or update documents (.txt .md .html .pdf .docx; folders recursively). 导入或更新文档。",
                "Unchanged files are skipped, changed files replace their old passages, a file that cannot be read is reported and the rest go on."})
public final class KbIngestCommand implements Callable<Integer> {
    @Mixin
    KbCommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders")
    List<Path> paths;

    @Option(names = "--no-progress", description = "no progress bar (it is shown on a terminal for 3 files or more)")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path index = common.index();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserError("no such file or folder: " + p + " (check the path) / 文件或文件夹不存在");
            }
        }
        if (Files.exists(index) && paths.stream().anyMatch(p -> p.toAbsolutePath().normalize().equals(index.toAbsolutePath().normalize()))) {
            throw new UserError("the index folder " + index + " is also given as a document path; pass your documents' folder");
        }
        IngestReport report;
        try (KnowledgeBase kb = common.app().openKnowledge(index); Progress progress = new Progress(!noProgress && !common.json() && System.console() != null)) {
            report = kb.ingest(paths, new IngestListener() {
                @Override
                public void started(int files) {
                    progress.start(files);
                }

                @Override
                public void fileDone(FileOutcome o) {
                    progress.step(o.doc());
                    if (o.status() == FileOutcome.Status.FAILED) {
                        err.println("classbot: cannot ingest " + o.path() + ": " + o.message());
                        err.flush();
                    }
                }
            });
        } catch (KnowledgeBaseException e) {
            // e.g. another process is writing the index right now; files committed so far stay
            throw new UserError(e.getMessage(), e);
        }
        for (FileOutcome o : report.files()) {
            // files that failed before the listener saw them (unreadable folders)
            if (o.status() == FileOutcome.Status.FAILED && !o.path().toFile().isFile()) {
                err.println("classbot: cannot ingest " + o.path() + ": " + o.message());
            }
        }
        if (common.json()) {
            Json.println(out, KbJson.ingest(report));
        } else {
            for (FileOutcome o : report.files()) {
                if (o.status() != FileOutcome.Status.FAILED) {
                    out.println("  " + label(o.status()) + "  " + o.doc() + (o.chunks() > 0 ? " (" + o.chunks() + " passages)" : "")
                            + (o.message().isEmpty() ? "" : " — " + o.message()));
                }
            }
            out.printf(Locale.ROOT, "导入完成 / ingest done: %d added, %d updated, %d unchanged, %d removed, %d skipped, %d failed; %d passages written in %.1f s → %s%n",
                    report.count(FileOutcome.Status.ADDED), report.count(FileOutcome.Status.UPDATED), report.count(FileOutcome.Status.UNCHANGED),
                    report.count(FileOutcome.Status.REMOVED), report.count(FileOutcome.Status.SKIPPED), report.count(FileOutcome.Status.FAILED),
                    report.chunksWritten(), report.elapsed().toMillis() / 1000.0, index.toAbsolutePath().normalize());
        }
        out.flush();
        err.flush();
        if (!report.failures().isEmpty()) {
            err.println("classbot: " + report.failures().size() + " file(s) could not be ingested (see above); the others were / 部分文件导入失败");
            err.flush();
            return 2;
        }
        return 0;
    }

    private static String label(FileOutcome.Status s) {
        return switch (s) {
            case ADDED -> "新增 added    ";
            case UPDATED -> "更新 updated  ";
            case UNCHANGED -> "未变 unchanged";
            case REMOVED -> "移除 removed  ";
            case SKIPPED -> "跳过 skipped  ";
            case FAILED -> "失败 failed   ";
        };
    }

    /** The progress bar on stderr (only on a terminal, for more than two files). */
    private static final class Progress implements AutoCloseable {
        private final boolean enabled;
        private ProgressBar bar;

        Progress(boolean enabled) {
            this.enabled = enabled;
        }

        void start(int files) {
            if (enabled && files >= 3) {
                bar = new ProgressBarBuilder().setTaskName("导入 ingest").setInitialMax(files).setUnit(" files", 1)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
            }
        }

        void step(String doc) {
            if (bar != null) {
                bar.step();
                bar.setExtraMessage(doc);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
