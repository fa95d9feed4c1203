package org.classbot.agent.speech;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.stream.Stream;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;

/**
 * One CMU Sphinx4 decoder (grammar or language model) over the en-US model inside the sphinx4-data jar.
 * A grammar engine gets its own small dictionary (the grammar's words taken from CMUdict plus a few
 * extra pronunciations) written with the grammar into a private folder that {@link #close()} deletes.
 * Sphinx's live cepstral mean carries over from one utterance to the next, as it should for one microphone in
 * one room (resetting it per clip was measured worse: the mean of a clip's first frames is mostly silence).
 */
final class SphinxEngine implements AutoCloseable {

    static final String MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us";
    static final String DICT = "/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    static final String LM = "resource:/edu/cmu/sphinx/models/en-us/en-us.lm.bin";

    /**
     * Prior of Sphinx's out-of-grammar branch. Its default 1e-30 let "i like turtles very much" become
     * "go to the dock"; measured on the synthesized set, 1e-6 and 1e-3 still let 1 of 4 out-of-grammar
     * sentences through as motion, 1e-1 none, at no cost in commands (agent/README, "Speech").
     */
    static final String OUT_OF_GRAMMAR = "1e-1";

    /** Silence (with a little dither) around each clip: Sphinx's endpointer needs some to see speech start and end. */
    private static final int PAD = Audio.SAMPLE_RATE / 4;
    /** Gaussian noise floor added to every clip (σ 10 LSB, about -70 dBFS: a quiet microphone); synthetic speech has exact zeros. */
    private static final double DITHER = 10;

    /** Sphinx4's component loggers ("default.config.…", a few bare names), held so their level sticks. */
    private static final List<java.util.logging.Logger> QUIET = Stream.of("default.config", "edu.cmu.sphinx",
            "MelFrequencyFilterBank", "Lifter", "DiscreteCosineTransform2").map(java.util.logging.Logger::getLogger).toList();

    static {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
    }

    private final Context context;
    private final Recognizer recognizer;
    private final Path dir;
    private final int pad;

    private SphinxEngine(Context context, Path dir, int pad) {
        this.context = context;
        this.dir = dir;
        this.pad = pad;
        this.recognizer = context.getInstance(Recognizer.class);
        recognizer.allocate();
    }

    /** A grammar decoder; {@code extraPronunciations} maps a word to its phones ("ting" → "T IH NG"). */
    static SphinxEngine grammar(String name, String jsgf, Set<String> words, Map<String, String> extraPronunciations) {
        return grammar(name, jsgf, words, extraPronunciations, PAD);
    }

    /** As above with {@code pad} samples of silence around each clip (the stop-word spotter keeps it short: latency). */
    static SphinxEngine grammar(String name, String jsgf, Set<String> words, Map<String, String> extraPronunciations, int pad) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("classbot-speech-");
            dir.toFile().deleteOnExit(); // also when close() is never called (files first: reverse order of registration)
            Files.writeString(dir.resolve(name + ".gram"), jsgf, StandardCharsets.UTF_8).toFile().deleteOnExit();
            Files.writeString(dir.resolve(name + ".dict"), dictionary(words, extraPronunciations), StandardCharsets.UTF_8).toFile().deleteOnExit();
            Configuration c = new Configuration();
            c.setAcousticModelPath(MODEL);
            c.setDictionaryPath(dir.resolve(name + ".dict").toUri().toString());
            c.setLanguageModelPath(LM);
            c.setGrammarPath(dir.toUri().toString());
            c.setGrammarName(name);
            c.setUseGrammar(true);
            c.setSampleRate(Audio.SAMPLE_RATE);
            return quietly(c, dir, pad);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw new SpeechException("cannot start the Sphinx4 recognizer / 无法启动 Sphinx4 语音识别: " + e.getMessage(), e);
        }
    }

    /** The free-form decoder with the en-US trigram language model (slow: about real time here). */
    static SphinxEngine languageModel() {
        try {
            Configuration c = new Configuration();
            c.setAcousticModelPath(MODEL);
            c.setDictionaryPath("resource:" + DICT);
            c.setLanguageModelPath(LM);
            c.setSampleRate(Audio.SAMPLE_RATE);
            return quietly(c, null, PAD);
        } catch (IOException | RuntimeException e) {
            throw new SpeechException("cannot start the Sphinx4 language model / 无法加载 Sphinx4 语言模型: " + e.getMessage(), e);
        }
    }

    /**
     * Sphinx4 configures java.util.logging itself (its own root handler, every component at INFO) unless
     * {@code java.util.logging.config.class} is set; it is set only while the decoder is built, so Sphinx
     * leaves logging alone and its loggers inherit WARNING from {@link #QUIET}.
     */
    private static SphinxEngine quietly(Configuration c, Path dir, int pad) throws IOException {
        String key = "java.util.logging.config.class";
        boolean set = System.getProperty(key) == null && System.getProperty("java.util.logging.config.file") == null;
        if (set) {
            System.setProperty(key, SphinxEngine.class.getName());
        }
        try {
            Context context = new Context(c);
            if (c.getUseGrammar()) {
                // how readily speech outside the grammar is called <unk> instead of the nearest command
                context.setLocalProperty("flatLinguist->outOfGrammarProbability", OUT_OF_GRAMMAR);
            }
            // the clip is already one utterance (cut by our endpointer): Sphinx's own endpointer must not cut
            // it at pauses nor drop quiet sounds ("s" in "say", "n" in "ninety"): every frame is speech
            context.setLocalProperty("speechMarker->endSilence", "2000");
            context.setLocalProperty("speechClassifier->threshold", "-20");
            if (c.getUseGrammar()) {
            }
            return new SphinxEngine(context, dir, pad);
        } finally {
            if (set) {
                System.clearProperty(key);
            }
        }
    }

    /** The hypotheses of each speech segment Sphinx found in the clip ("<unk>" for out-of-grammar speech). */
    synchronized List<String> decode(Audio audio) {
        short[] s = audio.samples();
        short[] padded = new short[s.length + 2 * pad];
        java.util.Random dither = new java.util.Random(7);
        for (int i = 0; i < padded.length; i++) {
            int v = (int) Math.round((i >= pad && i < pad + s.length ? s[i - pad] : 0) + dither.nextGaussian() * DITHER);
            padded[i] = (short) Math.max(-32768, Math.min(32767, v));
        }
        context.setSpeechSource(new ByteArrayInputStream(Audio.of(padded).pcm16le()));
        List<String> out = new ArrayList<>();
        Result r;
        while ((r = recognizer.recognize()) != null) {
            String h = r.getBestFinalResultNoFiller();
            if (h != null && !h.isBlank()) {
                out.add(h.strip());
            }
        }
        return out;
    }

    /** Pronunciations CMUdict lacks but the grammar needs ("ting"/"jiting" approximate 停/急停 with English phones). */
    static final Map<String, String> EXTRA = Map.of(
            "whiteboard", "W AY T B AO R D",
            "radians", "R EY D IY AH N Z",
            "ting", "T IH NG",
            "jiting", "JH IY T IH NG");

    private static volatile Set<String> known;

    /** Whether CMUdict (or {@link #EXTRA}) can pronounce every word of the phrase. */
    static boolean pronounceable(String phrase) {
        Set<String> k = known;
        if (k == null) {
            java.util.HashSet<String> all = new java.util.HashSet<>(EXTRA.keySet());
            try (InputStream in = SphinxEngine.class.getResourceAsStream(DICT)) {
                if (in != null) {
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    String line;
                    while ((line = r.readLine()) != null) {
                        int sp = line.indexOf(' ');
                        if (sp > 0 && line.charAt(sp - 1) != ')') {
                            all.add(line.substring(0, sp));
                        }
                    }
                }
            } catch (IOException e) {
                throw new SpeechException("cannot read the Sphinx4 dictionary / 无法读取 Sphinx4 词典", e);
            }
            known = k = all;
        }
        for (String w : phrase.strip().split("\\s+")) {
            if (!k.contains(w)) {
                return false;
            }
        }
        return true;
    }

    static String dictionary(Set<String> words, Map<String, String> extra) throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        try (InputStream in = SphinxEngine.class.getResourceAsStream(DICT)) {
            if (in == null) {
                throw new IOException("the en-US dictionary is not on the class path (sphinx4-data missing)");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                int sp = line.indexOf(' ');
                if (sp <= 0) {
                    continue;
                }
                String w = line.substring(0, sp);
                int paren = w.indexOf('(');
                String base = paren > 0 ? w.substring(0, paren) : w;
                if (words.contains(base) && !extra.containsKey(base)) {
                    found.computeIfAbsent(base, k -> new ArrayList<>()).add(line);
                }
            }
        }
        List<String> missing = words.stream().filter(w -> !found.containsKey(w) && !extra.containsKey(w)).toList();
        if (!missing.isEmpty()) {
            throw new IOException("words without a pronunciation: " + missing);
        }
        StringBuilder b = new StringBuilder();
        found.values().forEach(lines -> lines.forEach(l -> b.append(l).append('\n')));
        extra.forEach((w, phones) -> b.append(w.toLowerCase(Locale.ROOT)).append(' ').append(phones).append('\n'));
        return b.toString();
    }

    @Override
    public synchronized void close() {
        try {
            recognizer.deallocate();
        } catch (RuntimeException ignored) {
            // a recognizer that never ran cannot be deallocated; nothing to free
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder is in java.io.tmpdir
        }
    }
}
