package org.classbot.knowledge.langchain4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

import org.classbot.knowledge.index.ChunkSchema;
import org.classbot.knowledge.index.LuceneIndex;

/**
 * A LangChain4j {@link EmbeddingStore} on ClassBot's Lucene index: HNSW cosine search with metadata
 * filters, removal by ids and by filter, every write one committed transaction. Scores are LangChain4j
 * relevance scores, (cosine + 1) / 2. Entries written here are searchable by ClassBot's hybrid retrieval
 * too (their text goes through the same Chinese-aware BM25 analysis).
 */
public final class LuceneEmbeddingStore implements EmbeddingStore<TextSegment> {
    private final LuceneIndex index;

    public LuceneEmbeddingStore(LuceneIndex index) {
        this.index = index;
    }

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), null);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), List.of(segment));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    /** Adds (or replaces entries with the same ids) in one transaction. */
    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        if (ids.size() != embeddings.size() || (segments != null && segments.size() != embeddings.size())) {
            throw new IllegalArgumentException("ids, embeddings and segments must have the same size");
        }
        if (ids.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            TextSegment seg = segments == null ? null : segments.get(i);
            String text = seg == null ? "" : seg.text();
            Map<String, Object> meta = seg == null ? Map.of() : seg.metadata().toMap();
            docs.add(index.document(ids.get(i), text, text, embeddings.get(i).vector(), meta));
        }
        write(idsQuery(ids), docs);
    }

    @Override
    public void remove(String id) {
        removeAll(List.of(id));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("ids must not be empty");
        }
        write(idsQuery(ids), List.of());
    }

    @Override
    public void removeAll(Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter must not be null");
        }
        write(MetadataFilters.toQuery(filter), List.of());
    }

    @Override
    public void removeAll() {
        write(new MatchAllDocsQuery(), List.of());
    }

    private void write(Query delete, List<Document> docs) {
        try {
            index.replace(delete, docs);
        } finally {
            index.releaseWriter();
        }
    }

    private static Query idsQuery(Collection<String> ids) {
        return new TermInSetQuery(ChunkSchema.ID, ids.stream().map(BytesRef::new).toList());
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] q = request.queryEmbedding().vector();
        Query filter = request.filter() == null ? null : MetadataFilters.toQuery(request.filter());
        int k = request.maxResults();
        return index.withSearcher(s -> {
            TopDocs top = s.search(new KnnFloatVectorQuery(ChunkSchema.VECTOR, q, Math.max(k, 1), filter), Math.max(k, 1));
            List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                if (sd.score < request.minScore()) {
                    continue;
                }
                Document d = s.storedFields().document(sd.doc);
                Map<String, Object> meta = ChunkSchema.metadata(d);
                String text = d.get(ChunkSchema.TEXT);
                TextSegment seg = (text == null || text.isEmpty()) && meta.isEmpty() ? null : TextSegment.from(text, new Metadata(meta));
                float[] v = LuceneIndex.vector(s, sd.doc);
                matches.add(new EmbeddingMatch<>((double) sd.score, d.get(ChunkSchema.ID), v == null ? null : Embedding.from(v), seg));
            }
            return new EmbeddingSearchResult<>(matches);
        });
    }

    /** Entries matching a filter (for tests and tools); {@code null} matches all. */
    public int count(Filter filter) {
        Query q = filter == null ? new MatchAllDocsQuery()
                : new BooleanQuery.Builder().add(MetadataFilters.toQuery(filter), Occur.FILTER).build();
        return index.count(q);
    }

}
