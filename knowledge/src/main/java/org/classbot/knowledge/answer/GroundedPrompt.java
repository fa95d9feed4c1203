package org.classbot.knowledge.answer;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prompt that keeps an LLM to the retrieved passages: numbered passages, the question, and rules —
 * answer only from the passages, in the question's language, cite as [n], say NOT_FOUND otherwise.
 */
public final class GroundedPrompt {
    public static final String NOT_FOUND_TOKEN = "NOT_FOUND";
    private static final Pattern CITE = Pattern.compile("\\[(\\d{1,2})]");

    private GroundedPrompt() {
    }

    public static String system(boolean chinese) {
        return "You answer questions for students in a robotics lab using ONLY the numbered passages from the lab's documents."
                + " Rules: (1) Use only facts stated in the passages; never add outside knowledge or guesses."
                + " (2) After each sentence, cite the passage(s) it comes from as [1], [2], ..."
                + " (3) Answer in " + (chinese ? "Simplified Chinese (简体中文)" : "English") + ", the language of the question,"
                + " even when the passages are in another language. (4) Be brief: one to three sentences."
                + " (5) If the passages do not answer the question, reply exactly " + NOT_FOUND_TOKEN + " and nothing else.";
    }

    public static String user(String question, List<Passage> passages) {
        StringBuilder b = new StringBuilder("Passages:\n");
        for (Passage p : passages) {
            b.append('[').append(p.number()).append("] (").append(p.doc());
            if (!p.heading().isEmpty()) {
                b.append(" — ").append(p.heading());
            }
            b.append(")\n").append(p.text().strip()).append("\n\n");
        }
        b.append("Question: ").append(question.strip()).append('\n');
        return b.toString();
    }

    /** The passage numbers an answer cites that exist (1..passages); invented numbers are ignored. */
    public static Set<Integer> citedNumbers(String answer, int passages) {
        Set<Integer> out = new TreeSet<>();
        Matcher m = CITE.matcher(answer);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= passages) {
                out.add(n);
            }
        }
        return out;
    }

    /** Removes citation marks that point at no passage. */
    public static String dropInventedCitations(String answer, int passages) {
        Matcher m = CITE.matcher(answer);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            m.appendReplacement(b, n >= 1 && n <= passages ? Matcher.quoteReplacement(m.group()) : "");
        }
        m.appendTail(b);
        return b.toString().strip();
    }

    public static boolean isNotFound(String answer) {
        return answer == null || answer.isBlank() || answer.strip().toUpperCase(java.util.Locale.ROOT).startsWith(NOT_FOUND_TOKEN);
    }
}
