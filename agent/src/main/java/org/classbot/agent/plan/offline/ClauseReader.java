package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Action;
import org.classbot.agent.plan.Actions;
import org.classbot.agent.plan.PlaceCatalog;
import org.classbot.agent.plan.Plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.classbot.agent.plan.offline.Quantities.Quantity;

/**
 * Reads one clause (no connectives left) into actions. The order of the rules is the policy and is data:
 * {@link #ruleOrder()} lists it (filler → greeting → help → scene → counting → quoted speech → question → stop →
 * speech → negated motion → places → motion → yes/no question → unknown place); the first rule that reads
 * the clause wins.
 */
final class ClauseReader {

    enum Kind { ACTIONS, ANSWER, SPEED, GREETING, UNKNOWN, FILLER, REFUSED }

    /** What one clause became. {@code contentStart} marks where a speak text starts (for merging). */
    record Reading(Kind kind, List<Action> actions, String rule, List<Plan.NumberReading> numbers,
                   Optional<String> note, OptionalDouble speed, int contentStart) {
        static Reading of(Kind kind, String rule, List<Action> actions, List<Plan.NumberReading> numbers) {
            return new Reading(kind, actions, rule, numbers, Optional.empty(), OptionalDouble.empty(), -1);
        }

        /** Issue 9: the clause would have moved the robot but is not a request to (negated, story, report, noise...). */
        static Reading refused(RequestGate.Refusal why) {
            return new Reading(Kind.REFUSED, List.of(), why.rule(), List.of(), Optional.of(why.note()), OptionalDouble.empty(), -1);
        }

        boolean moves() {
            return actions.stream().anyMatch(RequestGate::moves);
        }

        static Reading unknown(String note) {
            return new Reading(Kind.UNKNOWN, List.of(), "unknown", List.of(), Optional.ofNullable(note), OptionalDouble.empty(), -1);
        }
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    // --- wrappers that do not change the meaning -------------------------------------------------
    private static final Pattern POLITE_PREFIX = p("^(?:\\s|[,，:：]|嘿|喂|哎|嗯|好的|那么|请你|请|麻烦你|麻烦|劳驾|帮我|帮忙|给我|你能不能|你可不可以|你可以|你能否|你能"
            + "|能不能|可不可以|可以|能否|你再|我想让你|我要你|我希望你|让我们|咱们|机器人|小机器人|小车|现在|马上|立刻|立即|赶紧|赶快"
            + "|(?:please|can you|could you|would you|will you|can u|could u|i want you to|i'd like you to|i need you to|go ahead and"
            + "|now|just|quickly|robot|classbot|hey|ok|okay|let's|let us|you should|kindly|you)\\b)+");
    private static final Pattern POLITE_SUFFIX = p("(?:\\s|[,，.。!！?？~～]|好吗|好不好|可以吗|行吗|行不行|吗|吧|呢|啊|呀|哦|喔|啦"
            + "|\\b(?:please|for me|right now|now|ok|okay|thanks|thank you)\\b|谢谢)+$");
    private static final Pattern NOT_A_COMMAND = p("的时候|时候|如果|假如|要是|\\b(?:when|while|if|whenever|unless)\\b");

    // --- scene, counting, questions --------------------------------------------------------------
    private static final Pattern DESCRIBE = p(
            "(?:看到|看见|看得到|看得见|瞧见|瞅见|拍到)了?(?:些)?(?:什么|啥|谁|哪些|几个人|多少人|东西|我们|我)"
            + "|(?:前面|前方|面前|周围|四周|附近|眼前|对面|那边|这边|这里|教室里|屋里|房间里|镜头里|画面里)(?:都)?有(?:些)?(?:什么|啥|谁|哪些|人|东西|几个人|多少人|没有人)"
            + "|描述(?:一下)?(?:场景|环境|周围|四周|画面|你看到的|眼前|前面|现场|你周围)|看(?:一下|一看|看)?(?:周围|四周|前面|前方|环境)"
            + "|环顾四周|摄像头(?:里)?(?:有什么|看到|拍到)|有几个人|有多少人|场景描述"
            + "|\\bwhat (?:do|can|did) you see\\b|\\bwhat are you (?:seeing|looking at)\\b"
            + "|\\bwhat(?:'s| is| are)? (?:there )?(?:in front of you|ahead of you|around you|in the room|on (?:the )?camera|in view)\\b"
            + "|\\bdescribe (?:the |your |what you )?(?:scene|surroundings|room|view|environment|see)\\b|\\blook around\\b"
            + "|\\bwho (?:do you see|is (?:in front of you|there|here|around))\\b|\\bhow many (?:people|persons|students|kids)\\b"
            + "|\\bis (?:there )?anyone (?:there|in front of you|around)\\b|\\btell me what you see\\b|\\bscan the room\\b"
            + "|\\bcan you see (?:anything|anyone|me|us)\\b");
    private static final Pattern SITUP = p("仰卧起坐|卷腹|\\bsit[- ]?ups?\\b|\\bcrunch(?:es)?\\b");
    private static final Pattern PUSHUP = p("俯卧撑|\\bpush[- ]?ups?\\b|\\bpress[- ]?ups?\\b");
    private static final Pattern SQUAT = p("深蹲|蹲起|下蹲|\\bsquats?\\b|\\bsquatting\\b");
    private static final Pattern COUNT_VERB = p("数|计数|记数|统计|计|记录|记一下|\\bcount(?:ing)?\\b|\\btrack\\b|\\btally\\b|\\bkeep count\\b|\\bmonitor\\b");
    private static final Pattern COUNT_TARGET = p("(?<num>" + Numbers.DIGIT_NUMBER + "|" + Numbers.CN_NUMBER + "|" + Numbers.EN_NUMBER + ")\\s*(?<cl>个|次|下)?");

    private static final Pattern QUESTION_ZH = p("什么|啥|怎么|怎样|如何|哪|谁|为什么|为何|为啥|多少|多久|多长|多大|多快|多远|多高|多重|几(?!乎)"
            + "|是否|是不是|有没有|能不能|可不可以|会不会|要不要|该不该|对不对|请问|告诉我|我想知道|想问|介绍|解释|讲讲|说说|说一说|讲一讲");
    private static final Pattern QUESTION_EN = p("^(?:what|what's|whats|who|who's|whom|whose|where|where's|when|why|how|how's|which)\\b"
            + "|^(?:is|are|am|was|were|do|does|did|can|could|should|would|will|may|might|must|shall|have|has|had|isn't|aren't|don't|doesn't|can't)\\s+"
            + "(?:i|you|we|they|he|she|it|the|this|that|these|those|there|my|your|our|students?|anyone|anybody|someone|people|robots?|teachers?|visitors?|kids?|children|food|drinks?|eating)\\b"
            + "|\\b(?:tell me|explain|i want to know|i'd like to know|i wonder|what is|what are|what's|how (?:do|does|can|should|many|much|long|far|fast))\\b");

    // --- stop, speech, places ----------------------------------------------------------------------
    private static final Pattern STOP = p("^(?:停|停下|停下来|停止|停止运动|停止移动|停车|停住|别动|不要动|别走了|不要走了|站住|暂停|刹车|急停|紧急停止|停一下|先停|全部停止|立即停止)"
            + "|停下|停止|别动了?$|不要动|站住|刹车|急停|紧急停止"
            + "|\\b(?:stop|halt|freeze|abort|e-?stop|estop)\\b|^(?:stay|stay there|stay still|hold on|hold it|don't move|do not move|stand still|whoa|wait|cancel)$");
    private static final Pattern SPEAK_ZH = p("^(?:大声|小声|轻声)?(?:地)?(?:(?:跟|对|向|给)(?:大家|同学们|同学|我们|他们|他|她|老师|所有人|全班))?(?:说|讲|念|读|喊|宣布|播报|广播)"
            + "(?:一下|一句|一声|出来|出)?(?:话)?[：:，,]?\\s*");
    private static final Pattern TELL_ZH = p("^(?:告诉|通知|提醒)(?:大家|同学们|同学|所有人|全班|他们)[：:，,]?\\s*");
    private static final Pattern SPEAK_EN = p("^(?:say|speak|announce|shout|read out|repeat after me|tell (?:everyone|everybody|the class|the students|them|him|her|us|all)(?: that)?)\\b[:,]?\\s*");
    private static final Pattern GREET = p("打个?招呼|向大家问好|跟大家问好|问好|\\bgreet (?:everyone|everybody|the class|the students|them|us)\\b|\\bsay hi to\\b");
    private static final Pattern GREETING_ONLY = p("^(?:你好|您好|大家好|嗨|哈喽|hello|hi|hey|hey there|hi there|good (?:morning|afternoon|evening)|早上好|下午好|晚上好)(?:\\s*(?:classbot|机器人|小车|robot))?$");
    private static final Pattern HELP = p("做什么|会什么|帮助|求助|你能做什么|你会做什么|你会什么|你都能做什么|你有什么功能|怎么用你|help|help me|what can you do|what do you do|how do i use you");
    private static final Pattern CHARGE = p("(?:^|去|回去|回|该|赶紧|需要|要|快)(?:充电|充个电|充一下电)(?:去|吧)?$|\\b(?:go (?:and )?(?:re)?charge|recharge|charge (?:yourself|up|your battery)|go (?:to )?dock|dock yourself|return to (?:the )?(?:base|dock))\\b");
    private static final Pattern GO_VERB = p("去|到|回|走向|朝|靠近|前往|导航|过去|来到|\\b(?:go|goes|head|drive|move|navigate|return|come|walk|travel|get|proceed|take me|lead me|bring me|guide me)\\b");
    private static final Pattern GO_UNKNOWN = p("^(?:去|到|前往|走到|开到|移动到|导航到|回到)(?<place>[^0-9" + Numbers.CN_DIGITS + "十百]+?)(?:那里|那边|那儿|去|一下)?$"
            + "|^(?:go|head|drive|navigate|walk|travel|return|come|move)(?: back| over)? to (?:the )?(?<place2>[a-z][a-z ']*)$");

    // --- motion -------------------------------------------------------------------------------------
    private static final Pattern TIMES = p("(?<n>" + Numbers.DIGIT_NUMBER + "|[两二三四五六七八九十]|two|three|four|five)\\s*(?:次|遍|\\btimes\\b)|\\b(?<w>twice|thrice|once)\\b");
    private static final Pattern TURN_AROUND = p("掉头|调头|掉个头|调个头|向后转|往后转|转身|转过身|转个身|回头|\\bu[- ]?turn\\b|\\bturn (?:around|round|back)\\b|\\babout[- ]face\\b|\\bturn yourself around\\b");
    private static final Pattern SPIN = p("转个圈|原地转圈|转圈|打转|\\bspin(?:\\s+(?:around|round))?\\b|\\bfull (?:turn|circle|rotation|spin|revolution)\\b|\\bdo a 360\\b|\\bpirouette\\b");
    private static final Pattern TURN_VERB = p("转|拐|\\b(?:turn|turning|rotate|rotating|spin|pivot|twist|veer|yaw|face)\\b");
    private static final Pattern LEFT = p("左|\\bleft\\b|逆时针|\\bcounter[- ]?clockwise\\b|\\banti[- ]?clockwise\\b|\\bccw\\b");
    private static final Pattern RIGHT = p("右|\\bright\\b|顺时针|(?<!counter|counter-|counter |anti|anti-|anti )\\bclockwise\\b|\\bcw\\b");
    private static final Pattern SIDE_ONLY = p("^(?:向|往|朝)(?:左|右)(?:边|面|侧)?$|^(?:left|right)(?: turn)?$");
    // "come back" / 回来 after a turn-around is a drive towards the speaker: forward in the robot's frame
    private static final Pattern COME_BACK = p("走回来|开回来|回来|\\b(?:come|drive|walk|roll) back\\b");
    private static final Pattern MOVE_VERB = p("前进|后退|倒退|退后|后撤|走|回来|退(?!出|回|货)|移动|行驶|开车|往前开|向前开|开过去|挪|前行|直行|直走|往前|向前|朝前|往后|向后|朝后|倒车"
            + "|\\b(?:go|move|drive|walk|roll|advance|travel|proceed|step|forward|forwards|backward|backwards|back up|reverse|retreat|ahead|come back)\\b");
    private static final Pattern BACKWARD = p("后退|倒退|退后|向后|往后|朝后|后撤|倒车|后移|往回|回退|退|\\b(?:backward|backwards|back|reverse|retreat|back up)\\b");
    private static final Pattern A_LITTLE = p("一点点|一点儿|一点|一些|一下|稍微|\\b(?:a little(?: bit)?|a bit|slightly|a tiny bit|a few centimet(?:er|re)s)\\b");
    private static final Pattern SLOW = p("慢慢|慢一点|慢点|缓慢|缓缓|\\b(?:slowly|slow|carefully|gently)\\b");
    private static final Pattern SPEED_ONLY = p("^(?:速度|以|用|speed|at(?: a speed of)?)?\\s*$");
    /** Words a confident motion command may contain besides verbs, directions and numbers. */
    private static final Pattern MOTION_FILLER = p("一下|一点|的速度|速度|距离|地|的|了|着|吧|过去|过来|继续|一直|再|原地|方向|边|面|侧|身|个|次|遍|秒|大|小"
            + "|\\b(?:the|a|an|for|by|to|of|about|around|exactly|please|more|again|straight|your|yourself|it|on the spot|in place|direction|side|degrees?|meters?|now|then|slowly|quickly|little|bit|way|steps?|and)\\b");

    private static final Pattern DURATION = p("(?:\\d|[" + Numbers.CN_CHARS + "]|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a few))\\s*(?:个)?\\s*"
            + "(?:秒钟|秒|分钟|小时|\\bseconds?\\b|\\bsecs?\\b|\\bminutes?\\b|\\bmins?\\b|\\bhours?\\b)");

    private static final Pattern STEPS = p("(?:\\d|[" + Numbers.CN_CHARS + "]|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|a))\\s*(?:个)?\\s*(?:步|\\bsteps?\\b|\\bpaces?\\b)");

    static final double DEFAULT_DISTANCE_M = 1.0;
    static final double A_LITTLE_DISTANCE_M = 0.2;
    static final double A_LITTLE_ANGLE_DEG = 15;
    static final double SLOW_SPEED_MPS = 0.1;

    private final PlaceCatalog places;

    ClauseReader(PlaceCatalog places) {
        this.places = places;
    }

    /**
     * One clause as the rules see it: as typed, normalised (same length), with quoted text masked, and its
     * core without polite wrappers.
     */
    record Clause(String original, String norm, String masked, String core, boolean questionMark) {
        boolean question() {
            return isQuestion(core);
        }
    }

    /**
     * One named rule: a reading, or {@code null} when the rule does not apply and the next one is tried. The
     * name is what {@code --explain} and the README call the rule; the reading carries its own finer rule id.
     */
    record ClauseRule(String name, java.util.function.Function<Clause, Reading> reading) {
    }

    /**
     * The policy, in order (review item 9: the order visible as data). The first rule that reads the clause
     * wins: speech in quotes beats a question ("说“你好吗”"), a question beats motion ("机器人能前进吗？"),
     * a negation beats places and motion ("不要去门口").
     */
    private final List<ClauseRule> rules = List.of(
            new ClauseRule("filler", c -> c.core().isBlank() ? Reading.of(Kind.FILLER, "filler", List.of(), List.of()) : null),
            new ClauseRule("greeting", ClauseReader::greeting),
            new ClauseRule("help", ClauseReader::help),
            new ClauseRule("describe_scene", c -> DESCRIBE.matcher(c.core()).find()
                    ? Reading.of(Kind.ACTIONS, "describe_scene", List.of(new Action.DescribeScene()), List.of()) : null),
            new ClauseRule("count", c -> exercise(c.core())
                    .filter(e -> COUNT_VERB.matcher(c.core()).find() || !c.question())
                    .map(e -> count(c.original(), c.core(), e)).orElse(null)),
            new ClauseRule("quoted_speech", c -> speech(c.original(), c.masked(), c.core(), true)),
            new ClauseRule("question", c -> c.question() ? answer(c.original()) : null),
            new ClauseRule("stop", c -> STOP.matcher(c.core()).find()
                    ? Reading.of(Kind.ACTIONS, "stop", List.of(new Action.Stop()), List.of()) : null),
            new ClauseRule("speech", c -> speech(c.original(), c.masked(), c.core(), false)),
            new ClauseRule("negated_motion", ClauseReader::negatedMotion),
            new ClauseRule("go_to", c -> gated(c.core(), goTo(c.core()))),
            new ClauseRule("motion", c -> gated(c.core(), motion(c.core(), c.original(), c.masked()))),
            new ClauseRule("yes_no_question", c -> c.questionMark() || c.masked().strip().endsWith("吗")
                    || c.masked().contains("?") || c.masked().contains("？") ? answer(c.original()) : null),
            new ClauseRule("unknown_place", this::unknownPlace));

    /** The rule names in the order they are tried. */
    List<String> ruleOrder() {
        return rules.stream().map(ClauseRule::name).toList();
    }

    /**
     * @param original    the clause as typed
     * @param norm        the clause normalised (same length as {@code original})
     * @param masked      the clause normalised with quoted text masked
     * @param questionMark whether the clause's sentence ended with a question mark
     */
    Reading read(String original, String norm, String masked, boolean questionMark) {
        Clause clause = new Clause(original, norm, masked, core(masked), questionMark);
        for (ClauseRule rule : rules) {
            Reading r = rule.reading().apply(clause);
            if (r != null) {
                return r;
            }
        }
        return Reading.unknown(null);
    }

    private static Reading greeting(Clause c) {
        if (!GREETING_ONLY.matcher(c.core()).matches()) {
            return null;
        }
        String text = Text.hasHan(c.original()) ? "你好！我是 ClassBot，有什么可以帮你？" : "Hello! I'm ClassBot. How can I help?";
        return Reading.of(Kind.GREETING, "greeting", List.of(new Action.Speak(text)), List.of());
    }

    private static Reading help(Clause c) {
        if (!HELP.matcher(c.core()).matches()) {
            return null;
        }
        String text = Text.hasHan(c.original())
                ? "我可以移动（“前进两米，然后右转九十度”）、去指定地点（“去门口”）、说话（“说你好”）、回答实验室问题（“实验室可以吃东西吗？”）、数运动次数（“数10个俯卧撑”）和描述看到的东西（“你看到了什么”）。说“停”随时停下。"
                : "I can move (\"go forward 2 meters then turn right\"), go to places (\"go to the door\"), speak (\"say hello\"), "
                + "answer lab questions (\"can I eat in the lab?\"), count exercises (\"count 10 push-ups\") and describe what I see "
                + "(\"what do you see?\"). Say \"stop\" at any time.";
        return Reading.of(Kind.ACTIONS, "help", List.of(new Action.Speak(text)), List.of());
    }

    /** "不要前进", "don't turn left": say so, never move. */
    private static Reading negatedMotion(Clause c) {
        String core = c.core();
        if (RequestGate.NEGATION.matcher(core).find() && (MOVE_VERB.matcher(core).find() || TURN_VERB.matcher(core).find()
                || TURN_AROUND.matcher(core).find() || SPIN.matcher(core).find() || GO_VERB.matcher(core).find())) {
            return RequestGate.check(core).map(Reading::refused).orElseThrow();
        }
        return null;
    }

    private Reading unknownPlace(Clause c) {
        Matcher unknownPlace = GO_UNKNOWN.matcher(c.core());
        if (!unknownPlace.matches()) {
            return null;
        }
        String place = unknownPlace.group("place") != null ? unknownPlace.group("place") : unknownPlace.group("place2");
        return Reading.unknown("不知道“" + place.strip() + "”在哪里；已知地点：" + places.names()
                + " / I don't know the place \"" + place.strip() + "\"; known places: " + places.names());
    }

    /** A reading that would move the robot passes the request gate or becomes a refusal (issue 9). */
    private static Reading gated(String core, Reading r) {
        if (r == null || !r.moves()) {
            return r;
        }
        if (r.actions().stream().anyMatch(a -> a instanceof Action.Move m && m.distanceM() == 0
                || a instanceof Action.Turn t && t.angleDeg() == 0)) {
            // "前进0米", "0左": nothing to do, and usually not meant ("0" from a stray key)
            return Reading.refused(new RequestGate.Refusal("refuse.zero",
                    "距离或角度是 0，我不动 / a distance or angle of 0: nothing to do, I stay still"));
        }
        return RequestGate.check(core).map(Reading::refused).orElse(r);
    }

    /** The clause without polite wrappers: 请你前进两米好吗 → 前进两米. */
    static String core(String masked) {
        String s = masked.strip();
        String prev;
        do {
            prev = s;
            s = POLITE_PREFIX.matcher(s).replaceFirst("");
            s = POLITE_SUFFIX.matcher(s).replaceFirst("");
            s = s.strip();
        } while (!s.equals(prev));
        return s;
    }

    private static boolean isQuestion(String core) {
        return QUESTION_ZH.matcher(core).find() || QUESTION_EN.matcher(core).find();
    }

    private static Reading answer(String original) {
        String q = original.strip();
        return Reading.of(Kind.ANSWER, "question", List.of(new Action.Answer(q)), List.of());
    }

    private static Optional<Action.Exercise> exercise(String core) {
        if (SITUP.matcher(core).find()) {
            return Optional.of(Action.Exercise.SITUP);
        }
        if (PUSHUP.matcher(core).find()) {
            return Optional.of(Action.Exercise.PUSHUP);
        }
        if (SQUAT.matcher(core).find()) {
            return Optional.of(Action.Exercise.SQUAT);
        }
        return Optional.empty();
    }

    private static Reading count(String original, String core, Action.Exercise exercise) {
        Matcher m = COUNT_TARGET.matcher(core);
        while (m.find()) {
            String t = m.group("num").strip();
            if (t.isEmpty() || Quantities.isArticleOnly(t) || t.matches("(?:a |an )?(?:half|quarters?|full|whole|and|of|couple)(?:\\s.*)?")) {
                continue;
            }
            if ("下".equals(m.group("cl")) && (t.equals("一") || t.equals("1"))) {
                continue; // 数一下 = "count (for me)", not a target of one
            }
            OptionalDouble v = Numbers.parse(t);
            if (v.isPresent() && v.getAsDouble() >= 1 && v.getAsDouble() == Math.rint(v.getAsDouble()) && v.getAsDouble() <= 10000) {
                int target = (int) v.getAsDouble();
                Plan.NumberReading r = new Plan.NumberReading(t, v.getAsDouble(), m.group("cl") == null ? "" : m.group("cl"), target, "count");
                return Reading.of(Kind.ACTIONS, "count_exercise.target",
                        List.of(new Action.CountExercise(exercise, OptionalInt.of(target))), List.of(r));
            }
        }
        return Reading.of(Kind.ACTIONS, "count_exercise", List.of(new Action.CountExercise(exercise, OptionalInt.empty())), List.of());
    }

    /** 说你好 / say "hello" / 跟大家打招呼; {@code quotedOnly}: only speech whose text is quoted (checked before questions). */
    private Reading speech(String original, String masked, String core, boolean quotedOnly) {
        int coreAt = masked.indexOf(core);
        if (coreAt < 0) {
            return null;
        }
        for (Pattern verb : List.of(SPEAK_ZH, TELL_ZH, SPEAK_EN)) {
            Matcher m = verb.matcher(core);
            if (m.find() && m.end() < core.length()) {
                int from = coreAt + m.end();
                String raw = original.substring(from, coreAt + core.length());
                boolean quoted = raw.strip().matches("^[“\"「『‘'].*");
                if (quotedOnly && !quoted) {
                    continue;
                }
                String text = Text.unquote(raw.replaceAll("[。.!！]+$", ""));
                if (verb == SPEAK_EN && core.startsWith("tell") && text.regionMatches(true, 0, "to ", 0, 3)) {
                    text = text.substring(3).strip(); // "tell the students to sit down" → "sit down"
                }
                if (text.isEmpty()) {
                    continue;
                }
                if (!quoted && verb != TELL_ZH && (core.startsWith("说说") || core.startsWith("讲讲"))) {
                    continue; // 说说X = tell me about X
                }
                return new Reading(Kind.ACTIONS, List.of(new Action.Speak(text)), "speak", List.of(), Optional.empty(),
                        OptionalDouble.empty(), from);
            }
        }
        if (!quotedOnly && GREET.matcher(core).find()) {
            String text = Text.hasHan(original) ? "大家好！" : "Hello everyone!";
            return Reading.of(Kind.ACTIONS, "speak.greet", List.of(new Action.Speak(text)), List.of());
        }
        return null;
    }

    private Reading goTo(String core) {
        if (CHARGE.matcher(core).find()) {
            Optional<String> charger = places.chargingPlace();
            if (charger.isPresent()) {
                return Reading.of(Kind.ACTIONS, "go_to.charge", List.of(new Action.GoTo(charger.get())), List.of());
            }
            return Reading.unknown("地图上没有充电站 / the map has no charging place; known places: " + places.names());
        }
        if (!GO_VERB.matcher(core).find()) {
            return null;
        }
        for (Map.Entry<String, String> alias : places.aliasIndex()) {
            String a = alias.getKey();
            boolean latin = a.chars().allMatch(c -> c < 128);
            Matcher m = Pattern.compile(latin ? "(?<![a-z])" + Pattern.quote(a) + "(?![a-z])" : Pattern.quote(a)).matcher(core);
            if (m.find()) {
                return Reading.of(Kind.ACTIONS, "go_to", List.of(new Action.GoTo(alias.getValue())), List.of());
            }
        }
        return null;
    }

    private Reading motion(String core, String original, String masked) {
        if (NOT_A_COMMAND.matcher(core).find()) {
            return null;
        }
        int coreAt = masked.indexOf(core);
        String origCore = coreAt >= 0 ? original.substring(coreAt, coreAt + core.length()) : core;
        String work = core;
        List<Plan.NumberReading> numbers = new ArrayList<>();

        // speed first (0.3 m/s contains "0.3 m")
        OptionalDouble speed = OptionalDouble.empty();
        List<Quantity> speeds = Quantities.speeds(work);
        if (!speeds.isEmpty()) {
            Quantity q = speeds.get(0);
            speed = OptionalDouble.of(Math.abs(q.si()));
            numbers.add(q.reading(origCore));
            for (Quantity s : speeds) {
                work = Quantities.blank(work, s.start(), s.end());
            }
        } else if (SLOW.matcher(work).find()) {
            speed = OptionalDouble.of(SLOW_SPEED_MPS);
            numbers.add(new Plan.NumberReading(firstMatch(SLOW, work), SLOW_SPEED_MPS, "", SLOW_SPEED_MPS, "m/s"));
        }

        // repetitions: 两次, twice
        int times = 1;
        Matcher tm = TIMES.matcher(work);
        if (tm.find()) {
            if (tm.group("w") != null) {
                times = switch (tm.group("w")) {
                    case "twice" -> 2;
                    case "thrice" -> 3;
                    default -> 1;
                };
            } else {
                OptionalDouble n = Numbers.parse(tm.group("n"));
                times = n.isPresent() && n.getAsDouble() >= 1 && n.getAsDouble() <= 20 ? (int) n.getAsDouble() : 1;
            }
            if (times != 1) {
                numbers.add(new Plan.NumberReading(tm.group().strip(), times, "times", times, "×"));
            }
            work = Quantities.blank(work, tm.start(), tm.end());
        }

        List<Quantity> angles = Quantities.angles(work);
        for (Quantity q : angles) {
            work = Quantities.blank(work, q.start(), q.end());
        }
        List<Quantity> lengths = Quantities.lengths(work);
        for (Quantity q : lengths) {
            work = Quantities.blank(work, q.start(), q.end());
        }
        List<Quantity> bare = Quantities.bare(work);
        if (STEPS.matcher(work).find()) {
            return Reading.unknown("“步”的长短因人而异，请说米 / steps vary in length; say a distance in meters (e.g. \"前进一米\", \"go forward 1 meter\")");
        }
        if (DURATION.matcher(work).find()) {
            return Reading.unknown("请说距离或角度，不是时间 / say a distance or an angle, not a duration (e.g. \"前进两米\", \"go forward 2 meters\")");
        }

        boolean left = LEFT.matcher(work).find();
        boolean right = RIGHT.matcher(work).find() && !left;
        boolean turnAround = TURN_AROUND.matcher(work).find();
        boolean spin = SPIN.matcher(work).find();
        boolean turnVerb = TURN_VERB.matcher(work).find();
        boolean moveVerb = MOVE_VERB.matcher(work).find();
        boolean backward = BACKWARD.matcher(COME_BACK.matcher(work.replaceAll("向后转|往后转|\\bturn (?:around|back)\\b", "")).replaceAll(" ")).find();
        boolean sideOnly = SIDE_ONLY.matcher(core).matches();

        List<Action> actions = new ArrayList<>();
        String rule;
        int sign = left ? 1 : right ? -1 : 0;

        boolean isTurn = turnAround || spin || !angles.isEmpty() || (turnVerb && (left || right || !bare.isEmpty()))
                || sideOnly; // a bare "左1" (no turn verb, no unit) is not read as a 1° turn: found by the property tests
        boolean lateral = !isTurn && (left || right) && (moveVerb || !lengths.isEmpty());

        if (isTurn) {
            double angle;
            if (!angles.isEmpty()) {
                Quantity q = angles.get(0);
                numbers.add(q.reading(origCore));
                angle = q.si();
                rule = "turn.quantity";
            } else if (turnAround) {
                angle = 180;
                rule = "turn.around";
            } else if (spin) {
                angle = 360;
                rule = "turn.spin";
            } else if (!bare.isEmpty() && lengths.isEmpty()) {
                Quantity q = bare.get(0);
                numbers.add(new Plan.NumberReading(origCoreSlice(origCore, q), q.value(), "", q.value(), "deg"));
                angle = q.value();
                rule = "turn.number";
            } else if (A_LITTLE.matcher(work).find() && (left || right)) {
                angle = A_LITTLE_ANGLE_DEG;
                rule = "turn.a_little";
            } else if (left || right) {
                angle = 90;
                rule = "turn.default";
            } else {
                return Reading.unknown("往哪边转？请说“左转”或“右转九十度” / which way? say \"turn left\" or \"turn right 90 degrees\"");
            }
            double signed = sign == 0 ? angle : sign * Math.abs(angle);
            actions.add(new Action.Turn(signed * times));
            // 左转走两米 without a connective was cut already; "turn left 2 meters" keeps its move
            if (!lengths.isEmpty()) {
                Quantity q = lengths.get(0);
                numbers.add(q.reading(origCore));
                actions.add(move(backward ? -Math.abs(q.si()) : q.si(), speed));
            }
            return Reading.of(Kind.ACTIONS, rule, actions, numbers);
        }

        if (!moveVerb && lengths.isEmpty()) {
            if (!speeds.isEmpty() && residual(work).isEmpty()) {
                return new Reading(Kind.SPEED, List.of(), "speed", numbers, Optional.empty(), speed, -1);
            }
            return null;
        }
        double distance;
        if (!lengths.isEmpty()) {
            Quantity q = lengths.get(0);
            numbers.add(q.reading(origCore));
            distance = q.si();
            rule = "move.quantity";
        } else if (!bare.isEmpty()) {
            Quantity q = bare.get(0);
            numbers.add(new Plan.NumberReading(origCoreSlice(origCore, q), q.value(), "", q.value(), "m"));
            distance = q.value();
            rule = "move.number";
        } else {
            if (!residual(work).isEmpty()) {
                return null; // a verb inside some other sentence ("机器人走路的样子"), not a command
            }
            if (A_LITTLE.matcher(work).find()) {
                distance = A_LITTLE_DISTANCE_M;
                rule = "move.a_little";
            } else {
                distance = DEFAULT_DISTANCE_M;
                rule = "move.default";
            }
        }
        distance = backward ? -Math.abs(distance) : distance;
        if (lateral) {
            actions.add(new Action.Turn(left ? 90 : -90));
            rule = rule + ".sideways";
        }
        actions.add(move(distance * times, speed));
        return Reading.of(Kind.ACTIONS, rule, actions, numbers);
    }

    private static Action.Move move(double distance, OptionalDouble speed) {
        return new Action.Move(Actions.round(distance, 4), speed);
    }

    private static String origCoreSlice(String origCore, Quantity q) {
        return q.end() <= origCore.length() ? origCore.substring(q.start(), q.end()).strip() : q.numberText();
    }

    private static String firstMatch(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group() : "";
    }

    /** What is left after removing motion words, directions, numbers and filler: empty for a clean command. */
    private static String residual(String work) {
        String r = work;
        for (Pattern p : List.of(TURN_AROUND, SPIN, TURN_VERB, MOVE_VERB, BACKWARD, LEFT, RIGHT, A_LITTLE, SLOW, MOTION_FILLER)) {
            r = p.matcher(r).replaceAll(" ");
        }
        r = r.replaceAll("[\\s,，.。!！?？~～:：]+", "");
        return r;
    }
}
