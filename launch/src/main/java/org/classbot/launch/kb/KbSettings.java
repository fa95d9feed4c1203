package org.classbot.launch.kb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.knowledge.KnowledgeOptions;
import org.classbot.knowledge.answer.ChatModels;
import org.classbot.knowledge.answer.LlmSettings;
import org.classbot.knowledge.chunk.ChunkingOptions;
import org.classbot.knowledge.retrieve.RetrievalOptions;
import org.classbot.launch.app.UserError;
import org.classbot.launch.config.ClassbotConfig;

/**
 * The {@code knowledge.*} and {@code llm.*} configuration as {@link KnowledgeOptions}, and opening an index
 * for the CLI with user-facing errors. Keys and defaults: classbot-defaults.yaml.
 */
public final class KbSettings {
    public static final String LLM_API_KEY_ENV = "CLASSBOT_LLM_API_KEY";

    private KbSettings() {
    }

    /** Knowledge options from the configuration (chunking, limits, retrieval floors, English model, LLM). */
    public static KnowledgeOptions options(ClassbotConfig cfg) {
        try {
            KnowledgeOptions.Builder b = KnowledgeOptions.builder();
            ChunkingOptions d = ChunkingOptions.DEFAULT;
            b.optChunking(new ChunkingOptions(
                    ChunkingOptions.Strategy.parse(cfg.getString("knowledge.chunk.strategy", d.strategy().name())),
                    cfg.getInt("knowledge.chunk.max_chars", d.maxChars()), cfg.getInt("knowledge.chunk.overlap", d.overlap())));
            b.optMaxFileBytes(Math.round(cfg.getDouble("knowledge.max_file_mb", 50) * 1024 * 1024));
            RetrievalOptions r = RetrievalOptions.DEFAULT;
            b.optRetrieval(new RetrievalOptions(
                    cfg.getInt("knowledge.retrieval.candidates", r.candidates()),
                    cfg.getInt("knowledge.retrieval.rrf_k", r.rrfK()),
                    cfg.getDouble("knowledge.retrieval.vector_weight", r.vectorWeight()),
                    cfg.getDouble("knowledge.retrieval.min_cosine", r.minCosine()),
                    cfg.getDouble("knowledge.retrieval.min_keyword_cosine", r.minKeywordCosine()),
                    cfg.getDouble("knowledge.retrieval.min_keyword_coverage", r.minKeywordCoverage()),
                    cfg.getDouble("knowledge.retrieval.en_min_cosine", r.englishMinCosine()),
                    cfg.getDouble("knowledge.retrieval.en_min_keyword_cosine", r.englishMinKeywordCosine()),
                    RetrievalOptions.Mode.HYBRID, r.rerankCandidates()));
            b.optAnswerPassages(cfg.getInt("knowledge.answer_passages", 3));
            if (!cfg.getBoolean("knowledge.english_model", true)) {
                b.optEnglishEmbeddingModel(null, null);
            }
            LlmSettings llm = new LlmSettings(cfg.getString("llm.provider", "none"), cfg.getString("llm.base_url", ""),
                    cfg.getString("llm.model", ""), System.getenv(LLM_API_KEY_ENV),
                    Duration.ofSeconds(cfg.getLong("llm.timeout_s", 60)));
            ChatModels.create(llm).ifPresent(b::optChatModel);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError("bad knowledge/llm setting: " + e.getMessage() + cfg.source().map(s -> " (in " + s + ")").orElse(""));
        }
    }

    /** The index folder: the --index flag, else knowledge.index. */
    public static Path index(Path flag, ClassbotConfig cfg) {
        if (flag != null) {
            return flag;
        }
        return cfg.getPath("knowledge.index").orElseThrow(() ->
                new UserError("no index given: pass --index DIR or set knowledge.index in the configuration"));
    }

    /** Opens an index that must already exist (search, ask, list, delete). */
    public static KnowledgeBase openExisting(Path index, ClassbotConfig cfg) {
        if (!looksLikeIndex(index)) {
            throw new UserError("no knowledge index at " + index + "; create it with 'classbot kb ingest PATH... --index "
                    + index + "' / 索引不存在，请先导入文档");
        }
        return open(index, cfg);
    }

    /** Opens (creating when absent) an index. */
    public static KnowledgeBase open(Path index, ClassbotConfig cfg) {
        KnowledgeOptions options = options(cfg);
        try {
            return KnowledgeBase.open(index, options);
        } catch (KnowledgeBaseException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    static boolean looksLikeIndex(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The bundled sample documents (launch/samples/kb), when this installation has them. */
    public static Optional<Path> samples() {
        String launchDir = System.getProperty("classbot.launch.dir");
        for (Path p : new Path[] {
                launchDir == null ? null : Path.of(launchDir, "samples", "kb"),
                Path.of("samples", "kb"),
                Path.of("launch", "samples", "kb")}) {
            if (p != null && Files.isDirectory(p)) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
