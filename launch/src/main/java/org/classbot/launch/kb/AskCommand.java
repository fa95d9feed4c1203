package org.classbot.launch.kb;

import org.classbot.launch.app.UserError;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.classbot.knowledge.Answer;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.KnowledgeBaseException;
import org.classbot.launch.kb.KbAskOutput;
import org.classbot.launch.kb.KbCommonOptions;

/** {@code classbot ask "QUESTION"}: an answer with citations, {"answer","citations":[{"doc","text"}]}. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Answer a question from the knowledge base, with the passages it comes from. 根据知识库回答问题并给出出处。",
                "Offline by default (sentences from the best passages); with llm.provider set, an LLM answers from those passages only."})
public final class AskCommand implements Callable<Integer> {
    @Mixin
    KbCommonOptions common;

    @Parameters(paramLabel = "QUESTION", description = "the question, in Chinese or English")
    String question;

    @Option(names = "--explain", description = "also show the retrieved passages with BM25 score and rank, cosine and rank, fused score")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (question == null || question.isBlank()) {
            throw new UserError("the question is empty; ask something, e.g. classbot ask \"实验室里可以吃东西吗？\"");
        }
        try (KnowledgeBase kb = common.app().openExistingKnowledge(common.index())) {
            Answer a = kb.ask(question);
            KbAskOutput.print(out, a, common.json(), explain);
        } catch (KnowledgeBaseException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
