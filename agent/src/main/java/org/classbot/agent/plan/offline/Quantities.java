package org.classbot.agent.plan.offline;

import org.classbot.agent.plan.Plan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds numbers with units (两米, 120 cm, ninety degrees, half a turn, 0.3 m/s) in a normalised clause. */
final class Quantities {

    enum Kind { LENGTH, ANGLE, SPEED, BARE }

    /** One quantity found at [start, end) of the clause. */
    record Quantity(Kind kind, int start, int end, String numberText, double value, String unit, double si) {
        Plan.NumberReading reading(String original) {
            String siUnit = switch (kind) {
                case LENGTH -> "m";
                case ANGLE -> "deg";
                case SPEED -> "m/s";
                case BARE -> "";
            };
            return new Plan.NumberReading(original.substring(start, end).strip(), value, unit, si, siUnit);
        }
    }

    private static final String NUM = "(?<num>" + Numbers.PI_NUMBER + "|" + Numbers.DIGIT_NUMBER + "|" + Numbers.CN_NUMBER
            + "|半|" + Numbers.EN_NUMBER + ")";

    private static final String LENGTH_UNIT = "(?<unit>厘米|公分|毫米|分米|公尺|公里|英尺|米|centimet(?:er|re)s?|millimet(?:er|re)s?|"
            + "kilomet(?:er|re)s?|met(?:er|re)s?|feet|foot|inch(?:es)?|cm|mm|km|ft|m)(?![a-z])";
    private static final String ANGLE_UNIT = "(?<unit>度|°|弧度|圈|周|degrees?|degs?|radians?|rads?|full\\s+turns?|turns?|"
            + "revolutions?|revs?|rotations?|circles?|laps?|spins?)(?![a-z])";
    private static final String SPEED_UNIT = "(?<unit>米每秒|米/秒|米一秒|厘米每秒|厘米/秒|公分每秒|m/s|mps|cm/s|"
            + "met(?:er|re)s?\\s+(?:per|a|each)\\s+second|centimet(?:er|re)s?\\s+(?:per|a|each)\\s+second|meters?/second)(?![a-z])";

    private static final Pattern SPEED = Pattern.compile(
            "(?:" + NUM + "\\s*" + SPEED_UNIT + ")"
            + "|(?:每秒(?:钟)?\\s*(?<num2>" + Numbers.DIGIT_NUMBER + "|" + Numbers.CN_NUMBER + "|半)\\s*(?<unit2>米|厘米|公分))");
    private static final Pattern LENGTH = Pattern.compile(NUM + "\\s*" + LENGTH_UNIT
            + "(?<tail>半|[" + Numbers.CN_DIGITS + "1-9](?![0-9" + Numbers.CN_CHARS + "度米厘公毫分圈个次点.])|\\s+and\\s+a\\s+half)?");
    private static final Pattern ANGLE = Pattern.compile(NUM + "\\s*(?:个\\s*)?" + ANGLE_UNIT + "(?<tail>半)?");
    private static final Pattern BARE = Pattern.compile(
            "(?<![a-z0-9.])(?:" + Numbers.PI_NUMBER + "|" + Numbers.DIGIT_NUMBER + ")(?![0-9a-z])"
            + "|(?:" + Numbers.CN_NUMBER + ")(?=$|[\\s,，。.!！?？])"
            + "|" + Numbers.EN_NUMBER);

    private Quantities() {
    }

    /** Speeds (0.3 m/s, 每秒0.2米, 30 cm/s). */
    static List<Quantity> speeds(String s) {
        List<Quantity> out = new ArrayList<>();
        Matcher m = SPEED.matcher(s);
        while (m.find()) {
            boolean second = m.group("num2") != null;
            String numText = second ? m.group("num2") : m.group("num");
            String unit = second ? m.group("unit2") : m.group("unit");
            OptionalDouble v = Numbers.parse(numText);
            if (v.isEmpty() || isArticleOnly(numText)) {
                continue;
            }
            double factor = unit.startsWith("厘") || unit.startsWith("公分") || unit.startsWith("cm") || unit.startsWith("centi") ? 0.01 : 1.0;
            out.add(new Quantity(Kind.SPEED, m.start(), m.end(), numText, v.getAsDouble(), unit, v.getAsDouble() * factor));
        }
        return out;
    }

    /** Lengths (两米, 1.5 m, 30公分, half a meter, a meter and a half, 一米二). */
    static List<Quantity> lengths(String s) {
        List<Quantity> out = new ArrayList<>();
        Matcher m = LENGTH.matcher(s);
        while (m.find()) {
            String numText = m.group("num").strip();
            OptionalDouble v = Numbers.parse(numText);
            if (v.isEmpty() || numText.matches("(?:and|of)(?:\\s.*)?")) {
                continue;
            }
            String unit = m.group("unit");
            double value = v.getAsDouble();
            String tail = m.group("tail");
            double factor = lengthFactor(unit);
            if (tail != null) {
                String t = tail.strip();
                if (t.equals("半") || t.startsWith("and")) {
                    value += 0.5;
                } else {
                    int d = Numbers.digit(t.charAt(0));
                    value += (d >= 0 ? d : t.charAt(0) - '0') / 10.0;
                }
            }
            out.add(new Quantity(Kind.LENGTH, m.start("num"), m.end(), numText, value, unit, value * factor));
        }
        return out;
    }

    /** Angles (九十度, 90°, ninety degrees, 1.57 rad, 两圈, half a turn, a quarter turn). */
    static List<Quantity> angles(String s) {
        List<Quantity> out = new ArrayList<>();
        Matcher m = ANGLE.matcher(s);
        while (m.find()) {
            String numText = m.group("num").strip();
            String unit = m.group("unit");
            OptionalDouble v = Numbers.parse(numText);
            if (v.isEmpty() || numText.matches("(?:and|of)(?:\\s.*)?")) {
                continue;
            }
            if (numText.matches(".*[a-z]") && m.start("unit") == m.end("num")) {
                continue; // an English number word needs a space before its unit: "a°" is noise, not one degree
            }
            boolean turnWord = unit.matches("turns?|spins?|laps?|circles?|rotations?|revs?|revolutions?");
            if (turnWord && isArticleOnly(numText)) {
                continue; // "make a turn" is not one full revolution
            }
            double value = v.getAsDouble();
            if (m.group("tail") != null) {
                value += 0.5;
            }
            out.add(new Quantity(Kind.ANGLE, m.start("num"), m.end(), numText, value, unit, value * angleFactor(unit)));
        }
        return out;
    }

    /** Numbers without a unit ("turn left 45", "左转90", "数20个"): digits anywhere, Chinese or English words. */
    static List<Quantity> bare(String s) {
        List<Quantity> out = new ArrayList<>();
        Matcher m = BARE.matcher(s);
        while (m.find()) {
            String t = m.group().strip();
            if (t.isEmpty() || isArticleOnly(t) || t.matches("(?:a |an )?(?:half|quarters?|full|whole|and|of|a|an|couple)(?:\\s.*)?")
                    && !t.matches(".*\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\\b.*")) {
                continue;
            }
            OptionalDouble v = Numbers.parse(t);
            if (v.isPresent()) {
                int start = m.start() + m.group().indexOf(t);
                out.add(new Quantity(Kind.BARE, start, start + t.length(), t, v.getAsDouble(), "", v.getAsDouble()));
            }
        }
        return out;
    }

    static double lengthFactor(String unit) {
        String u = unit.toLowerCase(java.util.Locale.ROOT);
        if (u.equals("厘米") || u.equals("公分") || u.equals("cm") || u.startsWith("centi")) {
            return 0.01;
        }
        if (u.equals("毫米") || u.equals("mm") || u.startsWith("milli")) {
            return 0.001;
        }
        if (u.equals("分米")) {
            return 0.1;
        }
        if (u.equals("公里") || u.equals("km") || u.startsWith("kilo")) {
            return 1000;
        }
        if (u.equals("feet") || u.equals("foot") || u.equals("ft") || u.equals("英尺")) {
            return 0.3048;
        }
        if (u.startsWith("inch")) {
            return 0.0254;
        }
        return 1.0;
    }

    static double angleFactor(String unit) {
        String u = unit.toLowerCase(java.util.Locale.ROOT);
        if (u.equals("弧度") || u.startsWith("rad")) {
            return 180.0 / Math.PI;
        }
        if (u.equals("度") || u.equals("°") || u.startsWith("deg")) {
            return 1.0;
        }
        return 360.0; // 圈, 周, turns, revolutions, circles, laps, spins
    }

    static boolean isArticleOnly(String numText) {
        return numText.strip().matches("an?|and|of");
    }

    /** The text with [start, end) replaced by spaces (keeps offsets). */
    static String blank(String s, int start, int end) {
        StringBuilder b = new StringBuilder(s);
        for (int i = start; i < end; i++) {
            b.setCharAt(i, ' ');
        }
        return b.toString();
    }
}
