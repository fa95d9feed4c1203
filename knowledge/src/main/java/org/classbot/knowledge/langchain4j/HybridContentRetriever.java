package org.classbot.knowledge.langchain4j;

import java.util.List;
import java.util.Map;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import org.classbot.knowledge.retrieve.Candidate;
import org.classbot.knowledge.retrieve.HybridSearcher;

/**
 * ClassBot's hybrid retrieval (BM25 + vectors, rank fusion, relevance floor, optional reranker) as a
 * LangChain4j {@link ContentRetriever}: plug it into a {@code RetrievalAugmentor} or {@code AiServices}.
 * Returns nothing when the question falls below the relevance floor.
 */
public final class HybridContentRetriever implements ContentRetriever {
    private final HybridSearcher searcher;
    private final int maxResults;

    public HybridContentRetriever(HybridSearcher searcher, int maxResults) {
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, got " + maxResults);
        }
        this.searcher = searcher;
        this.maxResults = maxResults;
    }

    @Override
    public List<Content> retrieve(Query query) {
        return searcher.search(query.text(), maxResults).hits().stream().map(HybridContentRetriever::content).toList();
    }

    private static Content content(Candidate c) {
        Map<ContentMetadata, Object> m = c.rerank() == null
                ? Map.of(ContentMetadata.SCORE, c.fused(), ContentMetadata.EMBEDDING_ID, c.id())
                : Map.of(ContentMetadata.SCORE, c.fused(), ContentMetadata.RERANKED_SCORE, c.rerank(), ContentMetadata.EMBEDDING_ID, c.id());
        return Content.from(TextSegment.from(c.text(), new Metadata(c.metadata())), m);
    }
}
