package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.Plan;
import org.classbot.agent.plan.Planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The default planner: rules, no model, no network. Chinese and English; numbers in digits and
 * words; units; compound commands; questions to {@code answer}; {@code stop} cancels the rest.
 *
 * <p>Pipeline: normalise (full-width, case) → {@link Splitter} (sentences, connectives, run-on verbs)
 * → {@link ClauseReader} per clause → merge (pieces of one question become one {@code answer},
 * words after a speech join the speech text, a lone speed joins its move) → cut after {@code stop}.
 */
public final class OfflinePlanner implements Planner {

    public static final String NAME = "offline";

    /** Longer input is not one spoken request (and would only slow the rules down). */
    public static final int MAX_CHARS = 1000;

    private final ClauseReader reader;
    private final PlaceCatalog places;

    public OfflinePlanner() {
        this(PlaceCatalog.defaults());
    }

    public OfflinePlanner(PlaceCatalog places) {
        this.places = Objects.requireNonNull(places, "places");
        this.reader = new ClauseReader(places);
    }

    public PlaceCatalog places() {
        return places;
    }

    /** The clause rules in the order they are tried (the first that reads a clause wins; see the README). */
    public List<String> ruleOrder() {
        return reader.ruleOrder();
    }

    @Override
    public Plan plan(String utterance) {
        if (utterance == null || utterance.isBlank()) {
            return new Plan(List.of(), List.of(), List.of(), NAME);
        }
        String original = utterance.strip();
        if (original.length() > MAX_CHARS) {
            return new Plan(List.of(), List.of("太长了：" + original.length() + " 个字符，最多 " + MAX_CHARS + "；请一句一句地说 / too long: "
                    + original.length() + " characters, at most " + MAX_CHARS + "; say one command at a time"), List.of(), NAME);
        }
        String norm = Text.normalize(original);
        String masked = Text.maskQuotes(norm);

        List<Piece> pieces = new ArrayList<>();
        boolean injected = RequestGate.INJECTION.matcher(norm).find();
        int reportedSentence = Integer.MIN_VALUE;
        for (Splitter.Clause c : Splitter.split(norm)) {
            ClauseReader.Reading r;
            try {
                r = reader.read(original.substring(c.start(), c.end()), norm.substring(c.start(), c.end()),
                        masked.substring(c.start(), c.end()), c.questionMark());
            } catch (RuntimeException | StackOverflowError e) {
                // the planner never fails on input: an unreadable clause is a clause not understood
                r = ClauseReader.Reading.unknown(null);
            }
            if (r.kind() == ClauseReader.Kind.ANSWER && questionMarkAfter(original, c.end()) == 1) {
                // keep the question's own question mark: "实验室里可以吃东西吗？"
                r = ClauseReader.Reading.of(r.kind(), r.rule(),
                        List.of(new Action.Answer(original.substring(c.start(), c.end() + 1).strip())), r.numbers());
            }
            if (r.moves() && (injected || c.sentence() == reportedSentence)) {
                // issue 9: what someone said or wrote ("老师说前进两米", "the page says: drive 10 m") never moves the robot
                r = ClauseReader.Reading.refused(injected
                        ? new RequestGate.Refusal("refuse.injected", "这段文字像是注入的指令，我不动 / this text looks like injected instructions; I stay still")
                        : RequestGate.notARequest("refuse.reported", original.substring(c.start(), c.end()).strip()));
            }
            String clauseCore = ClauseReader.core(masked.substring(c.start(), c.end()));
            if ((r.kind() != ClauseReader.Kind.ACTIONS || r.contentStart() < 0)
                    && (RequestGate.REPORTS.matcher(clauseCore).find() || RequestGate.CONDITION.matcher(clauseCore).find())) {
                reportedSentence = c.sentence();
            }
            pieces.add(new Piece(c, r));
        }
        pieces = questionsDoNotMove(pieces);
        pieces = mergeQuestions(original, pieces);
        pieces = mergeSpeech(original, pieces);
        return assemble(original, pieces);
    }

    /** One clause and what it became. */
    private record Piece(Splitter.Clause clause, ClauseReader.Reading reading) {
        ClauseReader.Kind kind() {
            return reading.kind();
        }
    }

    /**
     * Issue 9: a question about motion ("机器人可以后退吗？") is answered, never driven: in a sentence that ends with
     * a question mark, a moving piece after a question becomes part of the question.
     */
    private static List<Piece> questionsDoNotMove(List<Piece> in) {
        List<Piece> out = new ArrayList<>(in.size());
        for (Piece p : in) {
            boolean asked = p.clause().questionMark() && out.stream()
                    .anyMatch(q -> q.clause().sentence() == p.clause().sentence() && q.kind() == ClauseReader.Kind.ANSWER);
            out.add(asked && p.reading().moves() ? new Piece(p.clause(), ClauseReader.Reading.unknown(null)) : p);
        }
        return out;
    }

    /** In one sentence, a run of question and not-understood pieces with at least one question is one question. */
    private static List<Piece> mergeQuestions(String original, List<Piece> in) {
        List<Piece> out = new ArrayList<>();
        int i = 0;
        while (i < in.size()) {
            Piece p = in.get(i);
            if (p.kind() != ClauseReader.Kind.ANSWER && p.kind() != ClauseReader.Kind.UNKNOWN) {
                out.add(p);
                i++;
                continue;
            }
            int j = i;
            boolean anyAnswer = false;
            while (j < in.size() && in.get(j).clause().sentence() == p.clause().sentence()
                    && (in.get(j).kind() == ClauseReader.Kind.ANSWER || in.get(j).kind() == ClauseReader.Kind.UNKNOWN
                    || in.get(j).kind() == ClauseReader.Kind.FILLER)) {
                anyAnswer |= in.get(j).kind() == ClauseReader.Kind.ANSWER;
                j++;
            }
            if (anyAnswer && j - i > 1) {
                Piece last = in.get(j - 1);
                Splitter.Clause span = new Splitter.Clause(p.clause().start(), last.clause().end(), p.clause().sentence(),
                        p.clause().questionMark());
                String question = original.substring(span.start(), Math.min(original.length(), span.end() + questionMarkAfter(original, span.end())));
                out.add(new Piece(span, ClauseReader.Reading.of(ClauseReader.Kind.ANSWER, "question",
                        List.of(new Action.Answer(question.strip())), List.of())));
            } else {
                for (int k = i; k < j; k++) {
                    out.add(in.get(k));
                }
            }
            i = j;
        }
        return out;
    }

    private static int questionMarkAfter(String original, int end) {
        return end < original.length() && (original.charAt(end) == '?' || original.charAt(end) == '？') ? 1 : 0;
    }

    /** "say hello and goodbye": the piece after a speech that nobody understood is part of the speech. */
    private static List<Piece> mergeSpeech(String original, List<Piece> in) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : in) {
            Piece prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && p.kind() == ClauseReader.Kind.UNKNOWN && prev.reading().contentStart() >= 0
                    && prev.clause().sentence() == p.clause().sentence()) {
                String text = Text.unquote(original.substring(prev.reading().contentStart(), p.clause().end()));
                ClauseReader.Reading r = new ClauseReader.Reading(ClauseReader.Kind.ACTIONS, List.of(new Action.Speak(text)),
                        "speak", List.of(), java.util.Optional.empty(), OptionalDouble.empty(), prev.reading().contentStart());
                out.set(out.size() - 1, new Piece(new Splitter.Clause(prev.clause().start(), p.clause().end(),
                        p.clause().sentence(), p.clause().questionMark()), r));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private Plan assemble(String original, List<Piece> pieces) {
        List<Action> actions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Plan.Step> trace = new ArrayList<>();
        boolean anyAction = pieces.stream().anyMatch(p -> p.kind() == ClauseReader.Kind.ACTIONS || p.kind() == ClauseReader.Kind.ANSWER);
        OptionalDouble pendingSpeed = OptionalDouble.empty();
        boolean stopped = false;
        List<String> cancelled = new ArrayList<>();
        for (Piece p : pieces) {
            String clauseText = original.substring(p.clause().start(), p.clause().end());
            ClauseReader.Reading r = p.reading();
            if (stopped) {
                if (!r.actions().isEmpty()) {
                    cancelled.add(clauseText);
                }
                continue;
            }
            switch (r.kind()) {
                case FILLER -> { }
                case GREETING -> {
                    if (!anyAction) {
                        actions.addAll(r.actions());
                        trace.add(new Plan.Step(clauseText, r.rule(), r.numbers(), r.actions()));
                    } else {
                        trace.add(new Plan.Step(clauseText, "greeting.ignored", List.of(), List.of()));
                    }
                }
                case SPEED -> {
                    // a lone "速度0.2米每秒" belongs to the move before it, else to the next one
                    int last = lastMoveIndex(actions);
                    if (last >= 0 && p != pieces.get(0)) {
                        Action.Move m = (Action.Move) actions.get(last);
                        actions.set(last, new Action.Move(m.distanceM(), r.speed()));
                    } else {
                        pendingSpeed = r.speed();
                    }
                    trace.add(new Plan.Step(clauseText, r.rule(), r.numbers(), List.of()));
                }
                case REFUSED -> {
                    notes.add(r.note().orElseThrow());
                    trace.add(new Plan.Step(clauseText, r.rule(), List.of(), List.of()));
                }
                case UNKNOWN -> {
                    notes.add(r.note().orElse("没听懂“" + clauseText.strip() + "” / I did not understand \"" + clauseText.strip() + "\""));
                    trace.add(new Plan.Step(clauseText, r.rule(), r.numbers(), List.of()));
                }
                case ACTIONS, ANSWER -> {
                    List<Action> produced = new ArrayList<>();
                    for (Action a : r.actions()) {
                        if (a instanceof Action.Move m && pendingSpeed.isPresent() && m.speedMps().isEmpty()) {
                            a = new Action.Move(m.distanceM(), pendingSpeed);
                            pendingSpeed = OptionalDouble.empty();
                        }
                        if (a instanceof Action.DescribeScene && !actions.isEmpty() && actions.get(actions.size() - 1) instanceof Action.DescribeScene) {
                            continue; // "what do you see and who is there" is one look
                        }
                        produced.add(a);
                        actions.add(a);
                        if (a instanceof Action.Stop) {
                            stopped = true;
                            break;
                        }
                    }
                    trace.add(new Plan.Step(clauseText, r.rule(), r.numbers(), produced));
                }
            }
        }
        if (!cancelled.isEmpty()) {
            notes.add("“停”之后的指令已取消 / cancelled after stop: " + String.join(", ", cancelled));
        }
        if (actions.isEmpty() && notes.isEmpty()) {
            notes.add("没听懂 / I did not understand \"" + original + "\"");
        }
        if (actions.isEmpty()) {
            notes.add("试试：“前进两米，然后左转九十度”、“去门口”、“实验室可以吃东西吗？” / try: \"go forward 2 meters then turn left\", "
                    + "\"go to the door\", \"what do you see?\"");
        }
        return new Plan(actions, notes, trace, NAME);
    }

    private static int lastMoveIndex(List<Action> actions) {
        for (int i = actions.size() - 1; i >= 0; i--) {
            if (actions.get(i) instanceof Action.Move) {
                return i;
            }
        }
        return -1;
    }
}
