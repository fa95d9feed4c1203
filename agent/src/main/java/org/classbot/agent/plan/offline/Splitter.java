package org.classbot.agent.plan.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts an utterance into clauses: sentences (。！？; ? ! newline), then commas and connectives
 * (然后, 再, 接着, 先…再…, and then, then, after that, ...), then Chinese run-on motion verbs
 * (左转前进两米 → 左转 | 前进两米). Quoted text is never cut.
 */
final class Splitter {

    /** A clause at [start, end) of the utterance, in sentence {@code sentence}. */
    record Clause(int start, int end, int sentence, boolean questionMark) {
    }

    private static final Pattern SENTENCE_END = Pattern.compile("[。！!；;？?\\n…]+|(?<![0-9])\\.(?=\\s|$)");

    private static final String EN_NUMBER_WORD = "(?:a\\s+half|a\\s+quarter|half|one|two|three|four|five|six|seven|eight|nine|"
            + "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
            + "seventy|eighty|ninety)";
    private static final Pattern SOFT = Pattern.compile(
            "[，,、]"
            + "|再然后|然后|接着|紧接着|随后|之后|以后|并且|而且|同时|最后|首先|其次"
            + "|(?<![首优事原预])先(?!生)|并(?=说|前进|后退|左转|右转|转|去|数|停|向|往|走)"
            + "|(?<!说)再(?!见|次|一次|说一遍|来一次|来一遍)"
            + "|(?<=[米度圈尺分厘0-9两一二三四五六七八九十])后(?=[前左右向往转退走说去数停再倒看])"
            + "|\\b(?:and\\s+then|and\\s+after\\s+that|after\\s+that|afterwards?|after\\s+which|then|next(?!\\s+to)|finally|firstly|first(?!\\s+aid)"
            + "|followed\\s+by|also|and(?!\\s+" + EN_NUMBER_WORD + "\\b))\\b");

    /** Chinese motion verbs; a clause with two or more of them is cut before each later one. */
    private static final Pattern MOTION_VERB = Pattern.compile(
            "向左转|向右转|往左转|往右转|朝左转|朝右转|左转|右转|左拐|右拐|向后转|往后转|掉头|调头|转身"
            + "|向前走|往前走|朝前走|向后走|往后走|向后退|往后退|向前|往前|朝前|前进|后退|倒退|退后|直走|直行"
            + "|(?<![向往朝到去])走(?!到|去|过去|向)");

    private Splitter() {
    }

    static List<Clause> split(String normalized) {
        String masked = Text.maskQuotes(normalized);
        List<Clause> out = new ArrayList<>();
        int sentence = 0;
        int pos = 0;
        Matcher end = SENTENCE_END.matcher(masked);
        while (pos < masked.length()) {
            int sEnd;
            int next;
            boolean question;
            if (end.find(pos)) {
                sEnd = end.start();
                next = end.end();
                question = end.group().contains("?") || end.group().contains("？");
            } else {
                sEnd = masked.length();
                next = masked.length();
                question = false;
            }
            splitSentence(masked, pos, sEnd, sentence, question, out);
            sentence++;
            pos = Math.max(next, pos + 1);
        }
        return out;
    }

    private static void splitSentence(String masked, int from, int to, int sentence, boolean question, List<Clause> out) {
        Matcher m = SOFT.matcher(masked).region(from, to);
        int pos = from;
        while (m.find()) {
            addRunOn(masked, pos, m.start(), sentence, question, out);
            pos = m.end();
        }
        addRunOn(masked, pos, to, sentence, question, out);
    }

    private static void addRunOn(String masked, int from, int to, int sentence, boolean question, List<Clause> out) {
        List<Integer> cuts = new ArrayList<>();
        Matcher m = MOTION_VERB.matcher(masked).region(from, to);
        while (m.find()) {
            cuts.add(m.start());
        }
        int pos = from;
        for (int i = 1; i < cuts.size(); i++) {
            add(masked, pos, cuts.get(i), sentence, question, out);
            pos = cuts.get(i);
        }
        add(masked, pos, to, sentence, question, out);
    }

    private static void add(String masked, int from, int to, int sentence, boolean question, List<Clause> out) {
        int s = from;
        int e = to;
        while (s < e && Character.isWhitespace(masked.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(masked.charAt(e - 1))) {
            e--;
        }
        if (e > s) {
            out.add(new Clause(s, e, sentence, question));
        }
    }
}
