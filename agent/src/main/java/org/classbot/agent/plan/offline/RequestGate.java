package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Action;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Issue 9: "is this a request to the robot?" — decided before any motion ({@code move}, {@code turn},
 * {@code go_to}) leaves the planner. A clause may move the robot only when it is in imperative form
 * (after the polite wrappers are peeled it starts with a motion verb, a direction or a sequencing word),
 * is not negated, is not a story (past tense, time in the past), is not a description or measurement,
 * is not keyboard noise, and is not reported or quoted speech ({@link #reports}). The check order is
 * the policy: negation → noise → story → measurement → imperative form.
 */
final class RequestGate {

    /** Why a clause does not move the robot: the rule name (shown by {@code --explain}) and a bilingual note. */
    record Refusal(String rule, String note) {
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    static final Pattern NEGATION = p("^(?:千万|绝对|可)?(?:不要|别|不准|不许|不用|不必|不能|不可以|无需|不需要|没必要|禁止|甭)"
            + "|^(?:please )?(?:don't|dont|do not|never|no need to|you don't need to|you do not need to|not)\\b");
    private static final Pattern NOISE = p("[#@%&<>\\[\\]{}^*=|\\\\~`$_+]");
    private static final Pattern STORY = p("(?:前进|后退|倒退|走|跑|转|拐|去|退|开|移动|行驶|到|挪|回)(?:了|过)(?!吗|没)"
            + "|昨天|前天|上周|上个星期|上次|刚才|刚刚|去年|以前|那天|从前|曾经"
            + "|^(?:walked|moved|turned|drove|went|ran|rotated|backed|reversed|travell?ed|spun|headed|came|returned|rolled|stepped)\\b"
            + "|\\b(?:yesterday|last (?:week|time|year|night|month)|ago|once upon a time|earlier today)\\b");
    private static final Pattern MEASUREMENT = p("(?:长|宽|高|深|厚|重|远|大)(?:是|有|约|大约|大概)?\\s*(?:\\d|[" + Numbers.CN_CHARS + "])"
            + "|(?:\\d|[" + Numbers.CN_CHARS + "])\\s*(?:米|厘米|公分|公里|千米|毫米|英尺|m|cm|km)\\s*(?:长|宽|高|深|厚|远)"
            + "|^有.*(?:米|公里)|离.*(?:米|公里)|身高|体重|面积|周长"
            // "走廊有两米", "距离是5米", "大约十米": a thing that has or is a length, not a request
            + "|(?:有|是)\\s*(?:\\d|[" + Numbers.CN_CHARS + "])[^，,。]*(?:米|厘米|公分|公里|千米|毫米|英尺|m\\b|cm|km)"
            + "|\\b(?:is|are|was|were|am|it's|measures?)\\b|\\b(?:long|wide|tall|high|deep|thick|away|in size)\\b$");
    /** An imperative clause (wrappers peeled) starts with one of these. */
    private static final Pattern LEAD = p("^(?:前进|前行|后退|倒退|倒车|退|后撤|走(?!廊|道)|移动|行驶|开|挪|直行|直走|往|向|朝|左|右|转|拐|掉头|调头|掉个头|调个头"
            + "|原地|带|领|慢慢|慢|快|缓|轻轻|以|用|再|又|继续|一直|稍微|稍|回|去|到|前往|导航|靠近|过去|来|顺时针|逆时针|先|最后|然后|接着|之后|并且|原路"
            + "|打转|绕|旋转|转身|转个|后|前)"
            + "|^(?:go|move|drive|walk|roll|advance|travel|proceed|step|forward|forwards|back|backward|backwards|reverse|retreat|turn|rotate"
            + "|spin|pivot|face|head|navigate|return|come|u-turn|u turn|uturn|do|make|slowly|slow|carefully|gently|quickly|then|first|next|finally"
            + "|and|again|left|right|get|take|lead|bring|guide|veer|twist|yaw|about|ahead|straight|continue|keep|clockwise|counter|anti|half|full"
            + "|pirouette|at|with|recharge|charge|dock)\\b"
            // a quantity said with its direction: "a meter and a half forward", "a quarter turn to the right"
            // (with its unit: a bare "1左" from a stray key is not a request)
            + "|^(?:a|an|one|two|three|half|\\d|[" + Numbers.CN_CHARS + "]).*(?:(?:米|步|meter|metre|step|\\dm\\b|cm)"
            + ".*(?:forward|back|backward|left|right|turn|前|后|左|右|转)|(?:度|°|degree).*(?:left|right|turn|左|右|转)|turn|圈)");
    /** Reported, written or injected text: the robot does not act on what someone else said or wrote. */
    static final Pattern REPORTS = p(".(?:说(?!话)|写着|写道|写的|提到|讲到|讲过|告诉我|叫我|让我|要我|里说|上说)"
            + "|\\b(?:says|said|say that|told|tells|wrote|writes|reads|read that|according to)\\b");
    /** A condition covers the rest of its sentence: "如果你前进我就走", "if you go forward you will hit the wall". */
    static final Pattern CONDITION = p("如果|假如|要是|万一|\\b(?:if|when|whenever|unless|in case)\\b");
    static final Pattern INJECTION = p("忽略|无视|不要理会|之前的指令|以上指令|系统提示"
            + "|\\bignore (?:all |any |the |your )?(?:previous|prior|above|earlier|former)\\b|\\b(?:previous|prior) instructions\\b|\\bsystem prompt\\b"
            + "|\\bdisregard\\b|\\bjailbreak\\b");

    private RequestGate() {
    }

    /** Empty when the clause (wrappers peeled: {@code core}) may move the robot. */
    static Optional<Refusal> check(String core) {
        String said = core.strip();
        if (NEGATION.matcher(core).find()) {
            return Optional.of(new Refusal("refuse.negation", "好的，我不动：“" + said + "” / OK, I won't move: \"" + said + "\""));
        }
        if (NOISE.matcher(core).find()) {
            return Optional.of(notARequest("refuse.noise", said));
        }
        if (STORY.matcher(core).find()) {
            return Optional.of(notARequest("refuse.story", said));
        }
        if (MEASUREMENT.matcher(core).find()) {
            return Optional.of(notARequest("refuse.measurement", said));
        }
        if (!LEAD.matcher(core).find()) {
            return Optional.of(notARequest("refuse.not_imperative", said));
        }
        return Optional.empty();
    }

    static Refusal notARequest(String rule, String said) {
        return new Refusal(rule, "这不像是让我动的指令，我不动：“" + said + "” / that does not sound like a request to move, so I stay still: \""
                + said + "\"");
    }

    static boolean moves(Action a) {
        return a.movesRobot();
    }
}
