package org.classbot.knowledge.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;

import org.classbot.knowledge.chunk.Languages;

/**
 * A generative answer grounded in the passages ({@link GroundedPrompt}); citations are checked against the
 * passages given and renumbered 1..m in order of first use. Empty when the model finds no answer in them.
 */
public final class LlmAnswerer {
    private static final Pattern CITE = Pattern.compile("\\[(\\d{1,2})]");
    private final ChatModel model;

    public LlmAnswerer(ChatModel model) {
        this.model = model;
    }

    public Optional<Composed> answer(String question, List<Passage> passages) {
        String reply = model.chat(SystemMessage.from(GroundedPrompt.system(Languages.isChinese(question))),
                UserMessage.from(GroundedPrompt.user(question, passages))).aiMessage().text();
        return interpret(reply, passages.size());
    }

    /** Turns the model's reply into an answer: NOT_FOUND → empty, invented citations dropped, the rest renumbered. */
    public static Optional<Composed> interpret(String reply, int passages) {
        if (GroundedPrompt.isNotFound(reply)) {
            return Optional.empty();
        }
        String text = GroundedPrompt.dropInventedCitations(reply.strip(), passages);
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        Matcher m = CITE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int n = numbers.computeIfAbsent(Integer.parseInt(m.group(1)), k -> numbers.size() + 1);
            m.appendReplacement(b, "[" + n + "]");
        }
        m.appendTail(b);
        List<Integer> cited = new ArrayList<>(numbers.keySet());
        return Optional.of(new Composed(b.toString(), cited));
    }
}
