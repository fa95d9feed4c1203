package org.classbot.agent.speech;

import static org.classbot.agent.speech.Rule.alt;
import static org.classbot.agent.speech.Rule.opt;
import static org.classbot.agent.speech.Rule.ref;
import static org.classbot.agent.speech.Rule.seq;
import static org.classbot.agent.speech.Rule.star;
import static org.classbot.agent.speech.Rule.word;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.classbot.agent.plan.PlaceCatalog;

/**
 * The English JSGF grammar for the embedded recognizer, generated from the offline planner's own
 * vocabulary (its verbs, directions, numbers, units, stop words, speech and scene phrases; see
 * agent/README "The offline planner") and the places of the robot's map. A grammar turns "go forward two
 * meters and then turn left" into exactly those words; a list of classroom questions keeps those
 * ("what is the speed limit") in the grammar, and whatever matches nothing comes back as
 * {@code <unk>} so the recognizer can fall through to the free language model.
 * {@code CommandGrammarTest} plans random sentences of this grammar: every one must give an action.
 */
public final class CommandGrammar {

    public static final String NAME = "classbot";

    private static final Pattern ASCII_WORDS = Pattern.compile("[a-z][a-z' -]*");

    /**
     * Questions a class asks about the lab rules, kept whole in the grammar (a free word loop there was
     * tried and swallowed commands: "turn right ninety degrees" came back as eleven question words). Any
     * other question is out of grammar and falls through to the language model.
     */
    static final List<String> QUESTIONS = List.of(
            "what is the speed limit", "who can operate the robot", "where is the first aid kit",
            "when does the lab close", "why do i need safety glasses", "how do i charge the robot",
            "can students use the robot alone", "is eating allowed in the lab", "are visitors allowed",
            "do i need to wear goggles", "tell me about the battery rules", "explain the emergency stop procedure",
            "what is the first rule", "where can i find the charger", "how fast can the robot go",
            "can we eat in the lab", "can we drink in the lab", "what should i do in a fire",
            "who is the teacher", "what time is it", "what is your name", "how long does the battery last",
            "what are the lab rules", "is the robot safe");

    private final Rule.Ref root;

    private CommandGrammar(Rule.Ref root) {
        this.root = root;
    }

    /** The grammar for a map's places (names and English aliases). */
    public static CommandGrammar forPlaces(PlaceCatalog places) {
        Rule digit = ref("digit", alt("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"));
        Rule teen = alt("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                "eighteen", "nineteen");
        Rule tens = alt("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety");
        Rule below100 = ref("below100", alt(digit, teen, seq(tens, opt(digit))));
        Rule hundreds = seq(alt("one", "a"), word("hundred"), opt(seq(opt("and"), below100)));
        // numbers follow the plan limits (a move is at most 10 m): metres up to ten, so "thirty centimeters"
        // cannot turn into "thirty two meters"; decimals only for metres ("two point five meters")
        Rule metres = ref("metres", alt(
                seq(alt(digit, word("zero")), opt(seq(word("point"), digit))), word("ten"),
                seq(alt("one", "two", "three"), word("and a half")), word("half a"), word("a quarter"), word("a couple of")));
        Rule number = ref("number", alt(below100, hundreds));
        Rule distance = ref("distance", alt(
                seq(metres, alt("meters", "meter", "feet", "foot")),
                seq(number, alt("centimeters", "millimeters", "inches"))));
        Rule angle = ref("angle", seq(number, alt("degrees", "degree", "radians")));

        Rule ahead = alt("forward", "ahead", "back", "backward", "backwards");
        Rule move = ref("move", alt(
                seq(opt("slowly"), alt("go", "move", "drive", "walk"), opt("slowly"), ahead,
                        opt(alt(distance, word("a little")))),
                seq(alt("go", "move", "drive"), distance, alt("forward", "ahead", "backward", "back")),
                seq(alt("back up", "reverse"), opt(distance)),
                seq(word("advance"), distance),
                seq(alt("go", "move"), alt("left", "right"), distance)));
        Rule side = alt("left", "right");
        Rule turn = ref("turn", alt(
                seq(alt("turn", "rotate"), side, opt(alt(angle, word("a little"), word("twice"), word("three times")))),
                seq(alt("turn", "rotate"), angle, opt(seq(word("to the"), side))),
                seq(alt("turn", "rotate"), opt(angle), alt("clockwise", "counterclockwise")),
                seq(word("turn around"), opt(seq(word("to the"), side))),
                seq(word("spin around"), opt(alt("once", "twice"))),
                word("do a full turn"),
                seq(alt("make a quarter turn", "a quarter turn"), opt(alt("left", "right", "to the left", "to the right")))));
        Rule stop = ref("stop", alt("stop", "stop moving", "halt", "freeze", "emergency stop"));
        Rule place = ref("place", alt(placePhrases(places).stream().map(Rule::word).toArray(Rule[]::new)));
        Rule goTo = ref("goto", alt(
                seq(alt("go", "head", "drive", "navigate", "return", "come"), opt("back", "over"), word("to the"), place),
                word("go charge"), word("recharge"), word("go home")));
        Rule exercise = alt("push ups", "sit ups", "squats", "pushups");
        Rule count = ref("count", alt(
                seq(word("count"), opt("my"), opt(number), exercise),
                seq(alt("do", "let's do"), number, exercise),
                seq(word("start counting"), exercise)));
        Rule scene = ref("scene", alt("what do you see", "what can you see", "describe the scene", "look around",
                "how many people are in the room", "how many people do you see", "what is in front of you"));
        Rule speech = ref("speech", alt(
                seq(word("say"), alt("hello", "goodbye", "good morning", "good morning class", "good afternoon",
                        "hello everyone", "well done")),
                word("greet the class"), word("hello"),
                seq(word("tell everyone that class is"), alt("over", "starting"))));
        Rule question = ref("question", alt(QUESTIONS.toArray(String[]::new)));
        Rule control = ref("control", alt("yes", "no", "confirm", "cancel", "reset", "okay"));

        Rule polite = opt("please", "can you", "could you", "robot");
        Rule command = ref("command", seq(polite, alt(move, turn, stop, goTo, count, scene, speech), opt("please")));
        Rule join = alt("and", "then", "and then", "after that", "next", "finally");
        Rule utterance = ref("utterance", alt(
                seq(opt("first"), command, star(seq(join, command))),
                question, control));
        return new CommandGrammar((Rule.Ref) utterance);
    }

    /** English place phrases: each map name ("charging_station" → "charging station") and its ASCII aliases. */
    static List<String> placePhrases(PlaceCatalog places) {
        Set<String> out = new TreeSet<>();
        for (String name : places.names()) {
            add(out, name.replace('_', ' '));
            places.aliases(name).forEach(a -> add(out, a));
        }
        return new ArrayList<>(out);
    }

    private static void add(Set<String> out, String phrase) {
        String p = phrase.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ').strip().replaceAll("\\s+", " ");
        if (ASCII_WORDS.matcher(p).matches()) {
            p = p.startsWith("the ") ? p.substring(4) : p;
            if (SphinxEngine.pronounceable(p)) { // a place word the dictionary cannot say is left to typed text
                out.add(p);
            }
        }
    }

    /** The whole grammar as a JSGF file. */
    public String jsgf() {
        StringBuilder b = new StringBuilder("#JSGF V1.0;\ngrammar " + NAME + ";\n");
        for (Rule.Ref r : Rule.named(root)) {
            b.append(r == root ? "public " : "").append('<').append(r.name()).append("> = ").append(r.body().jsgf()).append(";\n");
        }
        return b.toString();
    }

    /** Every word the grammar may produce (the recognizer's dictionary must know each). */
    public Set<String> words() {
        Set<String> w = new TreeSet<>();
        root.words(w);
        return w;
    }

    /** A random sentence (tests). */
    public String sample(Random random) {
        List<String> out = new ArrayList<>();
        root.sample(random, out);
        return String.join(" ", out);
    }

    /** A random command (no question, no control word). */
    public String sampleCommand(Random random) {
        Rule.Ref cmd = Rule.named(root).stream().filter(r -> r.name().equals("command")).findFirst().orElseThrow();
        List<String> out = new ArrayList<>();
        cmd.sample(random, out);
        return String.join(" ", out);
    }
}
