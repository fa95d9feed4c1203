package org.classbot.agent.plan;

import java.util.regex.Pattern;

/**
 * The bilingual control words shared by the planner, {@code Dialogue} and the launch console (review item 9,
 * first step): e-stop, reset, and negation. Whole-utterance checks; case and surrounding punctuation ignored.
 */
public final class Lexicon {

    private static final Pattern ESTOP = Pattern.compile("(?i)^\\s*(?:e-?stop|estop|emergency stop|急停|紧急停止|紧急停车)[!！。.]*\\s*$");
    private static final Pattern RESET = Pattern.compile("(?i)^\\s*(?:reset|reset e-?stop|复位|解除急停|重置)[!！。.]*\\s*$");

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

    /** Starts with a negation (不要/别/不准/不用…, don't/do not/never/no need to): never a request to move. */
    public static boolean isNegated(String utterance) {
        return utterance != null && RequestGate.NEGATION.matcher(ClauseReader.core(Text.normalize(utterance.strip()))).find();
    }
}
