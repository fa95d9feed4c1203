package org.classbot.knowledge.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.langchain4j.model.chat.ChatModel;

import org.classbot.knowledge.Answer;
import org.classbot.knowledge.Citation;
import org.classbot.knowledge.SearchHit;
import org.classbot.knowledge.retrieve.Retrieval;

/**
 * Retrieved passages → a cited {@link Answer}: the LLM when one is given, else (or when it fails) the extractive
 * answer; citations are renumbered in order of use.
 */
public final class AnswerService {
    private final ChatModel chatModel;
    private final Function<String, List<String>> terms;

    /** {@code chatModel} may be null (offline, extractive answers only); {@code terms} is the index's analyzer. */
    public AnswerService(ChatModel chatModel, Function<String, List<String>> terms) {
        this.chatModel = chatModel;
        this.terms = terms;
    }

    /** The answer to {@code question} from the retrieval {@code r}, whose hits (as {@link SearchHit}s) are {@code hits}. */
    public Answer answer(String question, Retrieval r, List<SearchHit> hits) {
        String mode = chatModel != null ? "llm" : "extractive";
        if (!r.relevant() || hits.isEmpty()) {
            return new Answer(Answer.NOT_FOUND, List.of(), false, mode, "", hits);
        }
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            passages.add(new Passage(i + 1, h.doc(), h.heading(), h.text()));
        }
        String note = "";
        if (chatModel != null) {
            try {
                Optional<Composed> c = new LlmAnswerer(chatModel).answer(question, passages);
                if (c.isEmpty()) {
                    return new Answer(Answer.NOT_FOUND, List.of(), false, "llm", "", hits);
                }
                if (c.get().cited().isEmpty()) {
                    // the model marked no sources: list every passage it was given, and say so
                    List<Integer> all = new ArrayList<>();
                    for (int i = 1; i <= hits.size(); i++) {
                        all.add(i);
                    }
                    return new Answer(c.get().text(), citations(new Composed(c.get().text(), all), hits), true, "llm",
                            "the LLM marked no [n]; all passages it was given are listed / 模型未标注出处，列出全部参考段落", hits);
                }
                return new Answer(c.get().text(), citations(c.get(), hits), true, "llm", "", hits);
            } catch (RuntimeException e) {
                note = "LLM unavailable (" + oneLine(e) + "); extractive answer / 大模型不可用，已改用摘录回答";
            }
        }
        Composed c = new ExtractiveAnswerer(r.embedder(), terms, 3).answer(question, r.queryVector(), passages);
        if (c.cited().isEmpty()) {
            return new Answer(Answer.NOT_FOUND, List.of(), false, "extractive", note, hits);
        }
        return new Answer(c.text(), citations(c, hits), true, "extractive", note, hits);
    }

    /** The cited passages, numbered 1… in the order the answer uses them. */
    static List<Citation> citations(Composed c, List<SearchHit> hits) {
        List<Citation> out = new ArrayList<>();
        int n = 1;
        for (int p : c.cited()) {
            SearchHit h = hits.get(p - 1);
            out.add(new Citation(n++, h.doc(), h.text(), h.chunk(), h.page(), h.heading()));
        }
        return out;
    }

    /** An exception's message on one line, at most 160 characters. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }
}
