package org.classbot.launch.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.classbot.knowledge.FileOutcome;
import org.classbot.knowledge.IndexedFile;
import org.classbot.knowledge.IngestReport;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.SearchHit;
import org.classbot.launch.kb.KnowledgeSession;

/**
 * The kb panel's API over the session's knowledge base: list (passages, dates), upload (JSON with the file
 * as base64, so the same-origin JSON rule holds for uploads too), delete, re-ingest, and the retrieval test
 * with each passage's BM25 / cosine / fused numbers. Each method returns the JSON document to send; a
 * {@link WebError} carries the status and the bilingual reason.
 */
final class KbApi {

    static final Set<String> FORMATS = Set.of("txt", "md", "markdown", "html", "htm", "pdf", "docx");
    static final int MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

    private final KnowledgeSession knowledge;
    private final Optional<Path> uploads;

    KbApi(KnowledgeSession knowledge, Optional<Path> uploads) {
        this.knowledge = knowledge;
        this.uploads = uploads;
    }

    private KnowledgeBase kb() {
        if (knowledge == null) {
            throw new WebError(503, "no knowledge base in this session / 没有知识库");
        }
        return knowledge.base().orElseThrow(() -> new WebError(503, "no knowledge base / 没有知识库: " + knowledge.reason()));
    }

    Map<String, Object> list() {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (IndexedFile f : kb().list()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("doc", f.doc());
            d.put("source", f.source());
            d.put("passages", f.chunks());
            d.put("modified", modified(f.source()));
            docs.add(d);
        }
        return Map.of("documents", docs);
    }

    private static String modified(String source) {
        try {
            return Instant.ofEpochMilli(Files.getLastModifiedTime(Path.of(source)).toMillis()).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code {"name":"rules.md","base64":"..."}}: saved under the uploads folder, then ingested. */
    synchronized Map<String, Object> upload(JsonNode body) {
        String name = body.path("name").asText("").strip();
        String data = body.path("base64").asText("");
        String safe = Path.of(name.isEmpty() ? "x" : name).getFileName().toString().replaceAll("[^\\p{L}\\p{N}._-]", "_");
        String ext = safe.contains(".") ? safe.substring(safe.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (name.isEmpty() || safe.startsWith(".") || !FORMATS.contains(ext)) {
            throw new WebError(400, "upload a txt, md, html, pdf or docx file / 请上传 txt、md、html、pdf 或 docx 文件 (got '" + name + "')");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new WebError(400, "the file must be sent as base64 / 文件须以 base64 发送");
        }
        if (bytes.length == 0 || bytes.length > MAX_UPLOAD_BYTES) {
            throw new WebError(400, "the file is empty or larger than 20 MB / 文件为空或超过 20 MB");
        }
        KnowledgeBase kb = kb();
        Path dir = uploads.orElseThrow(() -> new WebError(503, "no uploads folder (set web.uploads) / 未设置上传目录"));
        Path file = dir.resolve(safe);
        try {
            Files.createDirectories(dir);
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new WebError(500, "could not save the upload / 保存失败: " + e.getMessage());
        }
        return report(kb.ingest(List.of(file)));
    }

    Map<String, Object> delete(JsonNode body) {
        String doc = body.path("doc").asText("").strip();
        if (doc.isEmpty()) {
            throw new WebError(400, "send {\"doc\":\"FILE NAME\"} / 请给出文件名");
        }
        List<IndexedFile> gone = kb().delete(doc);
        if (gone.isEmpty()) {
            throw new WebError(404, "no document '" + doc + "' in the knowledge base / 知识库中没有该文件");
        }
        for (IndexedFile f : gone) {
            Path p = Path.of(f.source());
            if (uploads.isPresent() && p.startsWith(uploads.get())) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // the index no longer has it; a leftover upload is harmless
                }
            }
        }
        return Map.of("deleted", gone.stream().map(IndexedFile::doc).toList());
    }

    Map<String, Object> reingest(JsonNode body) {
        String doc = body.path("doc").asText("").strip();
        KnowledgeBase kb = kb();
        List<IndexedFile> files = doc.isEmpty() ? kb.list() : kb.matching(doc);
        if (files.isEmpty()) {
            throw new WebError(404, "no document '" + doc + "' in the knowledge base / 知识库中没有该文件");
        }
        List<Path> paths = files.stream().map(f -> Path.of(f.source())).filter(Files::exists).toList();
        if (paths.isEmpty()) {
            throw new WebError(410, "the original file is gone; upload it again / 原文件已不存在，请重新上传");
        }
        return report(kb.ingest(paths));
    }

    Map<String, Object> search(String query, int k) {
        if (query == null || query.isBlank()) {
            throw new WebError(400, "send ?q=QUESTION / 请输入检索内容");
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        int rank = 0;
        for (SearchHit h : kb().search(query.strip(), Math.max(1, Math.min(k, 20)))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", ++rank);
            m.put("doc", h.doc());
            m.put("passage", h.chunk() + 1);
            if (h.page() > 0) {
                m.put("page", h.page());
            }
            m.put("heading", h.heading());
            m.put("text", h.text());
            m.putAll(ChatHistory.explain(h));
            hits.add(m);
        }
        return Map.of("query", query.strip(), "hits", hits);
    }

    private static Map<String, Object> report(IngestReport r) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileOutcome f : r.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("doc", f.doc());
            m.put("status", f.status().name().toLowerCase(Locale.ROOT));
            m.put("passages", f.chunks());
            m.put("message", f.message());
            files.add(m);
        }
        if (!r.failures().isEmpty()) {
            throw new WebError(422, "could not read / 无法读取: " + r.failures().stream().map(f -> f.doc() + ": " + f.message()).toList());
        }
        return Map.of("files", files, "passages_written", r.chunksWritten());
    }
}
