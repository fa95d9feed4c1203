package org.classbot.agent.speech;

import java.util.List;

import org.classbot.agent.plan.PlaceCatalog;

/**
 * English, embedded: CMU Sphinx4 with the {@link CommandGrammar} generated from the planner's vocabulary
 * and the map's places. What the grammar cannot explain (Sphinx's out-of-grammar branch answers
 * {@code <unk>}) falls through to the free-form trigram language model when {@code lmFallback} is on,
 * so a question outside the grammar still reaches the planner (as an {@code answer}); the free model is
 * loaded on first use (27 MB, a few seconds) and is much less exact (agent/README, "Speech").
 */
public final class SphinxRecognizer implements SpeechRecognizer {

    private final SphinxEngine grammar;
    private final boolean lmFallback;
    private SphinxEngine lm;

    public SphinxRecognizer(PlaceCatalog places, boolean lmFallback) {
        CommandGrammar g = CommandGrammar.forPlaces(places);
        this.grammar = SphinxEngine.grammar(CommandGrammar.NAME, g.jsgf(), g.words(), SphinxEngine.EXTRA);
        this.lmFallback = lmFallback;
    }

    @Override
    public Transcript recognize(Audio utterance) {
        long t0 = System.nanoTime();
        List<String> parts = grammar.decode(utterance);
        boolean unknown = parts.stream().anyMatch(p -> p.contains("<unk>"));
        String text = String.join(" ", parts.stream().filter(p -> !p.contains("<unk>")).toList()).strip();
        if (!unknown && !text.isEmpty()) {
            return new Transcript(text, 0.9, "en", "sphinx4-grammar", ms(t0));
        }
        if (unknown && lmFallback) {
            String free = String.join(" ", languageModel().decode(utterance)).replace("<unk>", "").strip();
            if (!free.isEmpty()) {
                return new Transcript(free, 0.4, "en", "sphinx4-lm", ms(t0));
            }
        }
        return Transcript.empty("en", "sphinx4-grammar", ms(t0));
    }

    private synchronized SphinxEngine languageModel() {
        if (lm == null) {
            lm = SphinxEngine.languageModel();
        }
        return lm;
    }

    @Override
    public String lang() {
        return "en";
    }

    @Override
    public synchronized void close() {
        grammar.close();
        if (lm != null) {
            lm.close();
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
