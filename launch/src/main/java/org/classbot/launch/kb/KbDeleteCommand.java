package org.classbot.launch.kb;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.classbot.knowledge.IndexedFile;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.launch.app.Json;
import org.classbot.launch.app.UserError;

/** {@code classbot kb delete NAME|PATH... --index DIR}: remove documents (their files on disk are not touched). */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Remove documents from the knowledge base (the files themselves stay). 从知识库删除文档。",
                "Each target is a file name as shown by 'kb list', a file path, or a folder path (everything under it)."})
public final class KbDeleteCommand implements Callable<Integer> {
    @Mixin
    KbCommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "NAME|PATH", description = "documents to remove")
    List<String> targets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<IndexedFile> removed = new ArrayList<>();
        try (KnowledgeBase kb = common.app().openExistingKnowledge(common.index())) {
            // check every target first, so a typo in the second one removes nothing
            for (String t : targets) {
                try {
                    kb.matching(t);
                } catch (KnowledgeBaseException e) {
                    throw new UserError(e.getMessage() + "; nothing was deleted");
                }
            }
            for (String t : targets) {
                removed.addAll(kb.delete(t));
            }
        } catch (KnowledgeBaseException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (common.json()) {
            List<Object> list = new ArrayList<>();
            for (IndexedFile f : removed) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("doc", f.doc());
                m.put("source", f.source());
                m.put("chunks", f.chunks());
                list.add(m);
            }
            Json.println(out, Map.of("deleted", list));
        } else {
            for (IndexedFile f : removed) {
                out.println("已删除 / deleted: " + f.doc() + " (" + f.chunks() + " passages) " + f.source());
            }
        }
        out.flush();
        return 0;
    }
}
