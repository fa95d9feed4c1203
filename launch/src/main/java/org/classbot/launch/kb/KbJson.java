package org.classbot.launch.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.classbot.knowledge.Answer;
import org.classbot.knowledge.Citation;
import org.classbot.knowledge.Explain;
import org.classbot.knowledge.FileOutcome;
import org.classbot.knowledge.IndexedFile;
import org.classbot.knowledge.IngestReport;
import org.classbot.knowledge.SearchHit;

/** The JSON documents of the kb and ask commands (DESIGN.md): plain maps in a fixed key order. */
public final class KbJson {
    private KbJson() {
    }

    /** {@code {"hits":[{"doc","chunk","score","text"}]}}; with explain, each hit also has "explain". */
    public static Map<String, Object> hits(List<SearchHit> hits, boolean explain) {
        List<Object> list = new ArrayList<>();
        for (SearchHit h : hits) {
            list.add(hit(h, explain));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hits", list);
        return m;
    }

    static Map<String, Object> hit(SearchHit h, boolean explain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("doc", h.doc());
        m.put("chunk", h.chunk());
        m.put("score", round(h.score()));
        m.put("text", h.text());
        if (explain) {
            m.put("page", h.page());
            m.put("heading", h.heading());
            m.put("explain", explain(h.explain()));
        }
        return m;
    }

    public static Map<String, Object> explain(Explain e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bm25", round(e.bm25Score()));
        m.put("bm25_rank", e.bm25Rank());
        m.put("cosine", round(e.cosine()));
        m.put("vector_rank", e.vectorRank());
        m.put("sentence_cosine", round(e.sentenceCosine()));
        m.put("sentence_rank", e.sentenceRank());
        m.put("fused", round(e.fusedScore()));
        if (e.rerankScore() != null) {
            m.put("rerank", round(e.rerankScore()));
        }
        if (!e.translatedTerms().isEmpty()) {
            m.put("translated", e.translatedTerms()); // cross-lingual: which translated terms this passage matched
        }
        return m;
    }

    /** {@code {"answer","citations":[{"doc","text"}]}}; with explain also "found", "mode", "note" and "hits". */
    public static Map<String, Object> answer(Answer a, boolean explain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answer", a.answer());
        List<Object> cites = new ArrayList<>();
        for (Citation c : a.citations()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("doc", c.doc());
            cm.put("text", c.text());
            if (explain) {
                cm.put("number", c.number());
                cm.put("chunk", c.chunk());
            }
            cites.add(cm);
        }
        m.put("citations", cites);
        if (explain) {
            m.put("found", a.found());
            m.put("mode", a.mode());
            if (!a.note().isEmpty()) {
                m.put("note", a.note());
            }
            m.put("hits", hits(a.hits(), true).get("hits"));
        }
        return m;
    }

    public static Map<String, Object> files(List<IndexedFile> files) {
        List<Object> list = new ArrayList<>();
        for (IndexedFile f : files) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("doc", f.doc());
            m.put("source", f.source());
            m.put("chunks", f.chunks());
            m.put("hash", f.hash());
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", list);
        return m;
    }

    public static Map<String, Object> ingest(IngestReport r) {
        List<Object> list = new ArrayList<>();
        for (FileOutcome f : r.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path().toString());
            m.put("doc", f.doc());
            m.put("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("chunks", f.chunks());
            if (!f.message().isEmpty()) {
                m.put("message", f.message());
            }
            list.add(m);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        for (FileOutcome.Status s : FileOutcome.Status.values()) {
            summary.put(s.name().toLowerCase(java.util.Locale.ROOT), r.count(s));
        }
        summary.put("chunks_written", r.chunksWritten());
        summary.put("seconds", round(r.elapsed().toMillis() / 1000.0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", list);
        m.put("summary", summary);
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
