package org.classbot.agent.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A piece of a speech grammar that can be written as JSGF and sampled (so tests can check that every
 * sentence the recognizer may return is one the planner understands).
 */
sealed interface Rule {

    /** JSGF right-hand side. */
    String jsgf();

    /** A random sentence of this rule. */
    void sample(Random r, List<String> out);

    /** Every word the rule can produce. */
    void words(Set<String> out);

    static Rule word(String phrase) {
        return new Words(List.of(phrase.strip().split("\\s+")));
    }

    static Rule seq(Rule... parts) {
        return new Seq(List.of(parts));
    }

    static Rule alt(Rule... parts) {
        return new Alt(List.of(parts));
    }

    /** Alternatives given as phrases: {@code alt("go", "move", "drive")}. */
    static Rule alt(String... phrases) {
        return new Alt(Arrays.stream(phrases).map(Rule::word).collect(Collectors.toList()));
    }

    static Rule opt(Rule r) {
        return new Opt(r);
    }

    static Rule opt(String... phrases) {
        return new Opt(phrases.length == 1 ? word(phrases[0]) : alt(phrases));
    }

    /** Zero or more of {@code body}. */
    static Rule star(Rule body) {
        return new Plus(body, 0);
    }

    static Rule ref(String name, Rule body) {
        return new Ref(name, body);
    }

    record Words(List<String> words) implements Rule {
        public String jsgf() {
            return String.join(" ", words);
        }

        public void sample(Random r, List<String> out) {
            out.addAll(words);
        }

        public void words(Set<String> out) {
            out.addAll(words);
        }
    }

    record Seq(List<Rule> parts) implements Rule {
        public String jsgf() {
            return parts.stream().map(p -> p instanceof Alt ? "(" + p.jsgf() + ")" : p.jsgf()).collect(Collectors.joining(" "));
        }

        public void sample(Random r, List<String> out) {
            parts.forEach(p -> p.sample(r, out));
        }

        public void words(Set<String> out) {
            parts.forEach(p -> p.words(out));
        }
    }

    record Alt(List<Rule> parts) implements Rule {
        public String jsgf() {
            return parts.stream().map(p -> p instanceof Alt ? "(" + p.jsgf() + ")" : p.jsgf()).collect(Collectors.joining(" | "));
        }

        public void sample(Random r, List<String> out) {
            parts.get(r.nextInt(parts.size())).sample(r, out);
        }

        public void words(Set<String> out) {
            parts.forEach(p -> p.words(out));
        }
    }

    record Opt(Rule body) implements Rule {
        public String jsgf() {
            return "[" + body.jsgf() + "]";
        }

        public void sample(Random r, List<String> out) {
            if (r.nextBoolean()) {
                body.sample(r, out);
            }
        }

        public void words(Set<String> out) {
            body.words(out);
        }
    }

    /** Zero or more (min 0) or one or more (min 1); a loop, so the decoder builds its body once. */
    record Plus(Rule body, int min) implements Rule {
        public String jsgf() {
            return (body instanceof Ref ? body.jsgf() : "(" + body.jsgf() + ")") + (min == 0 ? "*" : "+");
        }

        public void sample(Random r, List<String> out) {
            int n = min + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                body.sample(r, out);
            }
        }

        public void words(Set<String> out) {
            body.words(out);
        }
    }

    /** A named rule: written once as {@code <name> = ...;} and referred to as {@code <name>}. */
    record Ref(String name, Rule body) implements Rule {
        public String jsgf() {
            return "<" + name + ">";
        }

        public void sample(Random r, List<String> out) {
            body.sample(r, out);
        }

        public void words(Set<String> out) {
            body.words(out);
        }

        void collect(List<Ref> into) {
            if (into.stream().noneMatch(x -> x.name.equals(name))) {
                into.add(this);
                visit(body, into);
            }
        }

        static void visit(Rule r, List<Ref> into) {
            if (r instanceof Ref x) {
                x.collect(into);
            } else if (r instanceof Seq s) {
                s.parts.forEach(p -> visit(p, into));
            } else if (r instanceof Alt a) {
                a.parts.forEach(p -> visit(p, into));
            } else if (r instanceof Opt o) {
                visit(o.body, into);
            } else if (r instanceof Plus p) {
                visit(p.body, into);
            }
        }
    }

    /** All named rules reachable from {@code root}, root first. */
    static List<Ref> named(Ref root) {
        List<Ref> all = new ArrayList<>();
        root.collect(all);
        return all;
    }
}
