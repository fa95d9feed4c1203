package org.classbot.launch.kb;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.knowledge.SearchHit;
import org.classbot.launch.app.Json;
import org.classbot.launch.app.UserError;

/** {@code classbot kb search "QUERY" | --batch FILE}: hybrid search, {"hits":[{"doc","chunk","score","text"}]}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the knowledge base (BM25 + vectors, rank fusion). 检索知识库。",
                "--batch FILE: one query per line; with --json, JSON Lines out, one document per query, in order."})
public final class KbSearchCommand implements Callable<Integer> {
    @Mixin
    KbCommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "what to search for")
    String query;

    @Option(names = "--batch", paramLabel = "FILE", description = "file with one query per line")
    Path batch;

    @Option(names = "--k", paramLabel = "K", description = "number of passages (default: knowledge.k, 5)")
    Integer k;

    @Option(names = "--explain", description = "per hit: BM25 score and rank, cosine and rank, best-sentence cosine and rank, fused score")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((query == null) == (batch == null)) {
            throw new UserError("give either a QUERY or --batch FILE (see 'classbot kb search --help')");
        }
        List<String> queries = batch == null ? List.of(query) : readBatch(batch);
        if (batch == null && query.isBlank()) {
            throw new UserError("the query is empty; give some words to search for");
        }
        int kk = k != null ? k : common.app().settings().knowledge().k();
        if (kk < 1 || kk > 100) {
            throw new UserError("--k must be between 1 and 100, got " + kk);
        }
        try (KnowledgeBase kb = common.app().openExistingKnowledge(common.index())) {
            for (String q : queries) {
                List<SearchHit> hits = q.isBlank() ? List.of() : kb.search(q, kk);
                if (common.json()) {
                    Json.println(out, KbJson.hits(hits, explain));
                } else {
                    if (batch != null) {
                        out.println("查询 / query: " + q);
                    }
                    KbText.hits(out, q, hits, explain);
                }
            }
        } catch (KnowledgeBaseException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.flush();
        return 0;
    }

    /** The queries of a batch file, one per line (blank lines give empty results, so output lines stay aligned). */
    static List<String> readBatch(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("batch file not found: " + file + " (check the --batch path)");
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
                lines.set(0, lines.get(0).substring(1));
            }
            return lines.stream().map(String::strip).toList();
        } catch (MalformedInputException e) {
            throw new UserError("batch file " + file + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new UserError("cannot read batch file " + file + ": " + e.getMessage());
        }
    }
}
