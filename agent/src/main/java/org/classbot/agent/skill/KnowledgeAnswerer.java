package org.classbot.agent.skill;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.classbot.knowledge.Answer;
import org.classbot.knowledge.Citation;
import org.classbot.knowledge.KnowledgeBase;

/** {@code answer} from the lab's documents: {@link KnowledgeBase#ask}, with its citations. */
public final class KnowledgeAnswerer implements Answerer {

    private static final int SOURCE_CHARS = 120;

    private final KnowledgeBase kb;

    public KnowledgeAnswerer(KnowledgeBase kb) {
        this.kb = Objects.requireNonNull(kb, "kb");
    }

    @Override
    public Reply answer(String question) {
        Answer a = kb.ask(question);
        List<String> sources = new ArrayList<>();
        for (Citation c : a.citations()) {
            String text = c.text().replaceAll("\\s+", " ").strip();
            if (text.length() > SOURCE_CHARS) {
                text = text.substring(0, SOURCE_CHARS) + "…";
            }
            sources.add("[" + c.number() + "] " + c.doc() + ": " + text);
        }
        return new Reply(a.answer(), sources, a.found());
    }
}
