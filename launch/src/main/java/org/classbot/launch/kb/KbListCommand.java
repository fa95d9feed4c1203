package org.classbot.launch.kb;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.classbot.knowledge.IndexedFile;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.launch.app.Json;
import org.classbot.launch.app.UserError;

/** {@code classbot kb list --index DIR}: the files in the index. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the documents in the knowledge base. 列出知识库中的文档。")
public final class KbListCommand implements Callable<Integer> {
    @Mixin
    KbCommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeBase kb = common.app().openExistingKnowledge(common.index())) {
            List<IndexedFile> files = kb.list();
            if (common.json()) {
                Json.println(out, KbJson.files(files));
            } else if (files.isEmpty()) {
                out.println("知识库为空 / the knowledge base is empty: " + kb.indexPath());
            } else {
                int total = 0;
                for (IndexedFile f : files) {
                    out.printf("%5d  %-36s %s%n", f.chunks(), f.doc(), f.source());
                    total += f.chunks();
                }
                out.println(files.size() + " 个文档 documents, " + total + " 段 passages, 模型 models " + String.join(" + ", kb.embeddingModels())
                        + " → " + kb.indexPath());
            }
        } catch (KnowledgeBaseException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
