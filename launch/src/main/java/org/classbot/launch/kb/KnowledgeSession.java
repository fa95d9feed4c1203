package org.classbot.launch.kb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.KnowledgeAnswerer;
import org.classbot.knowledge.FileOutcome;
import org.classbot.knowledge.IngestReport;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.launch.app.Cli;
import org.classbot.launch.app.ClassbotApp;

/**
 * The knowledge base of one agent session ({@code classbot run}, {@code do}, the dashboard): opened with
 * the configured options and LLM, either at once (filled with the sample documents when empty) or lazily
 * on the first question (loading the embedding model takes seconds). Without an index it answers with
 * the reason.
 */
public final class KnowledgeSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeSession.class);

    private final ClassbotApp app;
    private final Path index;
    private final boolean mustExist;
    private KnowledgeBase kb;
    private String why = "";

    private KnowledgeSession(ClassbotApp app, Path index, boolean mustExist) {
        this.app = app;
        this.index = index;
        this.mustExist = mustExist;
    }

    /** Opens the index on the first question; an index that does not exist yet is not created. */
    public static KnowledgeSession lazy(ClassbotApp app, Path indexFlag) {
        return new KnowledgeSession(app, indexOrNull(app, indexFlag), true);
    }

    /**
     * Opens (creating) the index now; when it is empty and {@code samples} is given, ingests them first.
     * Progress and problems go to {@code say}; a broken index leaves the session without answers, not failed.
     */
    public static KnowledgeSession open(ClassbotApp app, Path indexFlag, Path samples, Consumer<String> say) {
        KnowledgeSession s = new KnowledgeSession(app, indexOrNull(app, indexFlag), false);
        if (s.index == null) {
            s.why = "knowledge.index is not set";
            return s;
        }
        try {
            s.kb = app.openKnowledge(s.index);
        } catch (RuntimeException e) {
            s.why = Cli.oneLine(e.getMessage());
            say.accept("知识库不可用 / knowledge base unavailable: " + s.why);
            return s;
        }
        try {
            if (s.kb.list().isEmpty()) {
                if (samples == null) {
                    say.accept("知识库为空 / the knowledge base at " + s.index + " is empty; add documents with 'classbot kb ingest PATH'");
                } else {
                    say.accept("首次启动：导入示例文档 / first start: ingesting the sample documents from " + samples + " into " + s.index + " …");
                    IngestReport r = s.kb.ingest(List.of(samples));
                    say.accept("已导入 / ingested " + r.count(FileOutcome.Status.ADDED) + " files, " + r.chunksWritten() + " passages"
                            + (r.failures().isEmpty() ? "" : "; failed: " + r.failures().stream().map(FileOutcome::doc).toList()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("sample ingest failed", e);
            say.accept("导入示例文档失败 / could not ingest the samples: " + Cli.oneLine(e.getMessage()));
        }
        return s;
    }

    private static Path indexOrNull(ClassbotApp app, Path flag) {
        return flag != null ? flag : app.settings().knowledge().index().orElse(null);
    }

    /** The answerer for the executor: cited answers, or "no knowledge base" with the reason. */
    public Answerer answerer() {
        return question -> {
            Optional<KnowledgeBase> b = base();
            return b.isPresent() ? new KnowledgeAnswerer(b.get()).answer(question) : Answerer.none(reason()).answer(question);
        };
    }

    /** The open knowledge base, opening it now when lazy; empty when there is none (see {@link #reason()}). */
    public synchronized Optional<KnowledgeBase> base() {
        if (kb == null && mustExist && index != null && Files.isDirectory(index)) {
            kb = app.openKnowledge(index);
        }
        return Optional.ofNullable(kb);
    }

    /** Why there are no answers. */
    public synchronized String reason() {
        if (index == null) {
            return "knowledge.index is not set";
        }
        if (kb == null && mustExist && !Files.isDirectory(index)) {
            return "no index at " + index + " (run 'classbot kb ingest PATH --index DIR' or 'classbot run' first)";
        }
        return why;
    }

    @Override
    public synchronized void close() {
        if (kb != null) {
            kb.close();
            kb = null;
        }
    }
}
