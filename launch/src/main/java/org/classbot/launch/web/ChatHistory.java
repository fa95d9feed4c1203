package org.classbot.launch.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.classbot.agent.dialogue.DialogueListener;
import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.skill.Answerer;
import org.classbot.agent.skill.StepResult;
import org.classbot.knowledge.Answer;
import org.classbot.knowledge.Citation;
import org.classbot.knowledge.KnowledgeBase;
import org.classbot.knowledge.SearchHit;
import org.classbot.launch.app.Json;
import org.classbot.launch.kb.KnowledgeSession;

/**
 * The conversation of the chat panel: what was said, the robot's replies, and answers with their numbered
 * sources (file name, passage number, the quote, the {@code --explain} numbers). Kept on disk as one JSON
 * file (rewritten atomically, the newest {@code keep} entries), so it survives a page reload and a restart.
 */
public final class ChatHistory implements DialogueListener {

    private static final Logger log = LoggerFactory.getLogger(ChatHistory.class);
    private static final int SOURCE_CHARS = 120;

    private final Optional<Path> file;
    private final int keep;
    private final Deque<Map<String, Object>> entries = new ArrayDeque<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile Consumer<Map<String, Object>> onAdd = e -> { };
    private long seq;

    /** A history kept in {@code file} (empty = memory only), the newest {@code keep} entries. */
    public ChatHistory(Optional<Path> file, int keep) {
        this.file = file;
        this.keep = keep;
        file.filter(Files::isRegularFile).ifPresent(this::load);
    }

    private void load(Path f) {
        try {
            List<Map<String, Object>> saved = Json.MAPPER.readValue(f.toFile(), new TypeReference<List<Map<String, Object>>>() { });
            for (Map<String, Object> e : saved) {
                entries.addLast(e);
                if (e.get("seq") instanceof Number n) {
                    seq = Math.max(seq, n.longValue());
                }
            }
            trim();
        } catch (IOException | RuntimeException e) {
            log.warn("could not read the conversation history {}; starting a new one", f, e);
        }
    }

    void onAdd(Consumer<Map<String, Object>> listener) {
        onAdd = listener;
    }

    /**
     * The answerer for the executor: the knowledge base's cited answers (the same text and source lines as
     * {@code KnowledgeAnswerer}), remembering the full citations for the chat panel.
     */
    public Answerer citing(KnowledgeSession knowledge) {
        return question -> {
            Optional<KnowledgeBase> kb = knowledge.base();
            if (kb.isEmpty()) {
                return Answerer.none(knowledge.reason()).answer(question);
            }
            Answer a = kb.get().ask(question);
            answers.put(question, a);
            List<String> sources = new ArrayList<>();
            for (Citation c : a.citations()) {
                String text = c.text().replaceAll("\\s+", " ").strip();
                sources.add("[" + c.number() + "] " + c.doc() + ": " + (text.length() > SOURCE_CHARS ? text.substring(0, SOURCE_CHARS) + "…" : text));
            }
            return new Answerer.Reply(a.answer(), sources, a.found());
        };
    }

    @Override
    public void planned(String utterance, Plan plan) {
        add("you", utterance, null);
    }

    @Override
    public void reply(String text) {
        add("robot", text, null);
    }

    @Override
    public void step(int index, StepResult result) {
        Action a = result.action();
        switch (a.kind()) {
            case ANSWER -> {
                Answer full = answers.remove(((Action.Answer) a).question());
                if (full != null) {
                    add("answer", full.answer(), sources(full));
                } else {
                    add("answer", result.message(), List.of());
                }
            }
            case SPEAK, DESCRIBE_SCENE, COUNT_EXERCISE -> add("robot", result.message(), null);
            default -> {
            }
        }
    }

    private static List<Map<String, Object>> sources(Answer a) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Citation c : a.citations()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("n", c.number());
            s.put("doc", c.doc());
            s.put("passage", c.chunk() + 1);
            if (c.page() > 0) {
                s.put("page", c.page());
            }
            s.put("heading", c.heading());
            s.put("quote", c.text());
            a.hits().stream().filter(h -> h.doc().equals(c.doc()) && h.chunk() == c.chunk()).findFirst()
                    .ifPresent(h -> s.put("explain", explain(h)));
            out.add(s);
        }
        return out;
    }

    static Map<String, Object> explain(SearchHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", round(h.score()));
        if (h.explain() != null) {
            m.put("bm25", round(h.explain().bm25Score()));
            m.put("bm25_rank", h.explain().bm25Rank());
            m.put("cosine", round(h.explain().cosine()));
            m.put("vector_rank", h.explain().vectorRank());
            m.put("fused", round(h.explain().fusedScore()));
            if (h.explain().rerankScore() != null) {
                m.put("rerank", round(h.explain().rerankScore()));
            }
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private void add(String role, String text, List<Map<String, Object>> sources) {
        if (text == null || text.isBlank()) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        synchronized (this) {
            e.put("seq", ++seq);
            e.put("at", System.currentTimeMillis());
            e.put("role", role);
            e.put("text", text);
            if (sources != null) {
                e.put("sources", sources);
            }
            entries.addLast(e);
            trim();
            save();
        }
        onAdd.accept(e);
    }

    private void trim() {
        while (entries.size() > keep) {
            entries.removeFirst();
        }
    }

    private void save() {
        if (file.isEmpty()) {
            return;
        }
        Path f = file.get();
        try {
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, Json.write(new ArrayList<>(entries)));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("could not save the conversation history to {}", f, e);
        }
    }

    /** All kept entries, oldest first. */
    public synchronized List<Map<String, Object>> entries() {
        return new ArrayList<>(entries);
    }

    /** Forgets the conversation (the file too). */
    public synchronized void clear() {
        entries.clear();
        save();
    }
}
