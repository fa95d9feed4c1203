package org.classbot.agent.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "Is this clause a request to the robot to move?" — asked of every clause that would become motion
 * ({@code move}, {@code turn}, {@code go_to}) before it does. Most of what a classroom microphone or chat box
 * hears is not addressed to the robot: negations ("不要前进", "do not turn left"), descriptions and
 * measurements ("我身高1.8m", "the room is 5 m wide", "教室有10米长"), stories and reports in the past
 * ("小明向前跑了100米", "我今天跑了三公里", "he said go forward"), questions about motion ("机器人能前进多远？")
 * and noise. Those move nothing; the clause's trace names the rule ({@code not_a_request.RULE}) and the note
 * says why, in both languages. Stop and speech are never gated: a stop must always work.
 *
 * <p>The rules, in order (the order is the policy; the first that matches decides):
 * {@code negation}, {@code reported} (someone said / told), {@code past} (a motion verb in the perfective or the
 * English past), {@code description} (a measurement or a property), {@code question} (a wh-question about
 * motion), {@code noise} (a bare quantity, keyboard noise, mostly symbols).
 */
final class RequestGate {

    /** Why a clause is not a request; empty when it is one. */
    record Verdict(String rule, String note) {
    }

    private record Rule(String name, Pattern pattern, String zh, String en) {
    }

    private static final String MOTION_ZH = "前进|后退|倒退|往前|向前|往后|向后|往左|往右|向左|向右|左转|右转|转身|转弯|掉头|调头|转|走|跑|开|去|到|过来|回来|移动|挪|退";

    private static final List<Rule> RULES = List.of(
            new Rule("negation", Pattern.compile(
                    "不要|别|不准|不许|不用|不必|禁止|不能|不可以|不行|莫|勿|甭|(?i:\\b(?:don'?t|do not|never|no need to|not|stop trying to|mustn'?t|shouldn'?t|won'?t|can'?t|cannot)\\b)"),
                    "这是否定的说法，我不动", "that says not to, so I will not move"),
            new Rule("reported", Pattern.compile(
                    "(?:老师|他|她|他们|她们|妈妈|爸爸|同学|有人|别人|小[\\p{IsHan}])(?:刚才|刚刚|昨天|已经)?(?:说|讲|告诉|叫|让)(?:过|了)?"
                            + "|(?i:\\b(?:he|she|they|someone|the teacher|my (?:mom|dad|friend)|people)\\s+(?:said|says|told|asked)\\b)"),
                    "这是在转述别人的话，不是对我的指令", "that reports what someone said; it is not addressed to me"),
            new Rule("past", Pattern.compile(
                    "(?:" + MOTION_ZH + ")(?:了|过)(?!\\s*(?:吗|没|么))|(?:昨天|今天|刚才|刚刚|上周|去年|以前|曾经|已经)[^，。,.!！?？]*(?:" + MOTION_ZH + ")"
                            + "|(?i:\\b(?:ran|walked|drove|moved|went|turned|came|travell?ed|jogged|was|were|did|had)\\b)"),
                    "这是在讲已经发生的事，不是请求", "that tells what happened; it is not a request"),
            new Rule("description", Pattern.compile(
                    "身高|体重|(?:高|长|宽|深|厚)\\s*[0-9零一二两三四五六七八九十百千万点.]+\\s*(?:米|公里|厘米)"
                            + "|离[^，。,.]{0,12}?[0-9零一二两三四五六七八九十百千万点.]+\\s*(?:米|公里|厘米)(?!\\s*(?:的地方|处))"
                            + "|[有是]\\s*[0-9零一二两三四五六七八九十百千万点.]+\\s*(?:米|公里|厘米|m|km|cm)\\s*(?:长|宽|高|深|远)?"
                            + "|[0-9零一二两三四五六七八九十百千万点.]+\\s*(?:米|公里|厘米)\\s*(?:长|宽|高|深|远|左右)"
                            + "|(?i:\\b(?:is|are|was|were|am|be|measures?|about|around)\\b[^,.;!?]*\\b\\d+(?:\\.\\d+)?\\s*(?:m|km|cm|meters?|metres?|feet|ft)\\b"
                            + "\\s*(?:wide|long|tall|high|deep|away|across|in (?:size|length|width))?"
                            + "|\\b\\d+(?:\\.\\d+)?\\s*(?:m|km|cm|meters?|metres?)\\s+(?:wide|long|tall|high|deep|away|across)\\b)"),
                    "这是在描述或测量，不是让我动", "that describes or measures something; it does not ask me to move"),
            new Rule("question", Pattern.compile(
                    "多远|多快|多少|多久|多长|为什么|怎么|什么|哪里|哪儿|几米|能不能走|会不会"
                            + "|(?i:\\b(?:how (?:far|fast|long|much|many|do|does|can)|what|why|where|when|which|who)\\b)"),
                    "这是关于运动的问题，我来回答而不是移动", "that is a question about moving; I answer it rather than move"));

    /** "能不能 / 可不可以 / 要不要 …" ask politely; they are not negations. */
    private static final Pattern A_NOT_A = Pattern.compile("能不能|可不可以|要不要|行不行|好不好|会不会|是不是|能否");
    /** Only a quantity ("5m", "两米", "3 meters"): not a command. */
    private static final Pattern BARE_QUANTITY = Pattern.compile(
            "^[\\s0-9零一二两三四五六七八九十百千万点.,，]+(?:米|公里|厘米|度|m|km|cm|meters?|metres?|degrees?|deg)?[\\s.。!！]*$", Pattern.CASE_INSENSITIVE);
    /** A number with a unit is a real token ("2m", "2.5km", "90deg"); other letter-digit mixes are keyboard noise. */
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile(
            "(?i)[0-9]+(?:\\.[0-9]+)?(?:m|cm|mm|km|s|deg|meters?|metres?|degrees?|mps|rad)?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.]+");
    /** Without Chinese, a request to move has an English motion word. */
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern EN_MOTION = Pattern.compile("(?i)\\b(?:forwards?|ahead|back|backwards?|reverse|go|goes|going|move|moving|drive"
            + "|turn|turning|rotate|spin|left|right|around|come|head|walk|run|step|advance|proceed|recharge|charge|dock|return|approach"
            + "|face|towards?|to|u-?turn|about-?face|straight|again|more|further)\\b");

    private RequestGate() {
    }

    /** Whether a clause that would move the robot is really asked to; empty = it is a request. */
    static Optional<Verdict> check(String clause) {
        String c = clause == null ? "" : clause.strip();
        String lower = c.toLowerCase(Locale.ROOT);
        for (Rule r : RULES) {
            if (r.name().equals("question") && !c.contains("?") && !c.contains("？") && !startsWithQuestionWord(lower)) {
                continue;
            }
            String text = r.name().equals("negation") ? A_NOT_A.matcher(c).replaceAll("") : c;
            if (r.pattern().matcher(text).find()) {
                return Optional.of(new Verdict(r.name(), "“" + c + "”：" + r.zh() + " / \"" + c + "\": " + r.en()));
            }
        }
        boolean noMotionWord = !HAN.matcher(c).find() && !EN_MOTION.matcher(c).find();
        if (BARE_QUANTITY.matcher(c).matches() || gibberish(c) || noMotionWord || symbolShare(c) >= 0.15) {
            return Optional.of(new Verdict("noise", "“" + c + "”里没有让我移动的话，我不动 / \"" + c
                    + "\" does not ask me to move, so I will not"));
        }
        return Optional.empty();
    }

    private static boolean startsWithQuestionWord(String lower) {
        return lower.matches("^(?:how|what|why|where|when|which|who)\\b.*") || lower.contains("多远") || lower.contains("多快");
    }

    /** Whether a token mixes letters and digits the way keyboard noise does ("i7m", "77x9", "h5m723q"). */
    private static boolean gibberish(String c) {
        java.util.regex.Matcher m = TOKEN.matcher(c);
        while (m.find()) {
            String t = m.group();
            boolean digit = t.chars().anyMatch(Character::isDigit);
            boolean letter = t.chars().anyMatch(Character::isLetter);
            if (digit && letter && !NUMBER_WITH_UNIT.matcher(t).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Share of characters that are not Chinese, Latin letters, digits, spaces or common punctuation. */
    private static double symbolShare(String c) {
        if (c.isEmpty()) {
            return 1;
        }
        int odd = 0;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(ch);
            boolean word = Character.isLetterOrDigit(ch) && (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.LATIN
                    || script == Character.UnicodeScript.COMMON);
            if (!word && !Character.isWhitespace(ch) && ",.，。!！?？'’“”-°:：；、()（）".indexOf(ch) < 0) {
                odd++;
            }
        }
        return odd / (double) c.length();
    }

    /** Whether an action moves the robot (and so must pass the gate). */
    static boolean moves(Action a) {
        return a instanceof Action.Move || a instanceof Action.Turn || a instanceof Action.GoTo;
    }
}
