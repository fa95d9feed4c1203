package org.classbot.agent.plan.offline;

import java.util.regex.Pattern;

/**
 * The bilingual control words shared by the planner, {@code Dialogue} and the launch console (review item 9,
 * first step): e-stop, reset, yes/no to a confirmation, and negation. Whole-utterance checks; case and surrounding punctuation ignored.
 */
public final class Lexicon {

    private static final Pattern ESTOP = Pattern.compile("(?i)^\\s*(?:e-?stop|estop|emergency stop|急停|紧急停止|紧急停车)[!！。.]*\\s*$");
    private static final Pattern RESET = Pattern.compile("(?i)^\\s*(?:reset|reset e-?stop|复位|解除急停|重置)[!！。.]*\\s*$");
    private static final Pattern YES = Pattern.compile("(?i)^\\s*(?:yes|y|yeah|ok|okay|confirm|sure|go ahead|是|是的|好|好的|确认|可以|行|对)[!！。.]*\\s*$");
    private static final Pattern NO = Pattern.compile("(?i)^\\s*(?:no|n|nope|cancel|不|不要|不用|取消|算了|别)[!！。.]*\\s*$");

    private Lexicon() {
    }

    /** "急停", "e-stop", "emergency stop": latch the governor's e-stop at once. */
    public static boolean isEmergencyStop(String utterance) {
        return utterance != null && ESTOP.matcher(utterance).matches();
    }

    /** "复位", "reset": clear the e-stop. */
    public static boolean isReset(String utterance) {
        return utterance != null && RESET.matcher(utterance).matches();
    }

    /** "是", "yes", "确认": the answer to a confirmation question that lets the plan run. */
    public static boolean isYes(String utterance) {
        return utterance != null && YES.matcher(utterance).matches();
    }

    /** "不", "no", "取消": a plain no to a confirmation question (anything but yes also drops the plan). */
    public static boolean isNo(String utterance) {
        return utterance != null && NO.matcher(utterance).matches();
    }

    /** Starts with a negation (不要/别/不准/不用…, don't/do not/never/no need to): never a request to move. */
    public static boolean isNegated(String utterance) {
        return utterance != null && RequestGate.NEGATION.matcher(ClauseReader.core(Text.normalize(utterance.strip()))).find();
    }
}
