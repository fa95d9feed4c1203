package org.classbot.agent.plan.offline;

import java.util.Map;
import java.util.OptionalDouble;

/** Reads numbers written in digits, Chinese numerals (一百二十, 两, 半, 一点五, 四分之一) or English words. */
final class Numbers {

    static final String CN_DIGITS = "零〇一二两三四五六七八九";
    static final String CN_CHARS = CN_DIGITS + "十百千万";
    /** A Chinese numeral (一百二十, 两, 十五, 一点五, 四分之一) — not 半 alone. */
    static final String CN_NUMBER = "(?:[" + CN_CHARS + "]+分之[" + CN_CHARS + "]+|[" + CN_CHARS + "]+(?:点[" + CN_DIGITS + "]+)?)";
    /** Digits: 90, -90, 1.5, .5, 1/2. */
    static final String DIGIT_NUMBER = "(?:[-+−]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:\\s*/\\s*\\d+)?)";
    static final String PI_NUMBER = "(?:(?:\\d+(?:\\.\\d+)?\\s*)?(?:pi|π)(?:\\s*/\\s*\\d+)?)";

    private static final Map<String, Integer> EN_SMALL = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> EN_TENS = Map.of(
            "twenty", 20, "thirty", 30, "forty", 40, "fourty", 40, "fifty", 50, "sixty", 60, "seventy", 70,
            "eighty", 80, "ninety", 90);
    private static final String EN_WORD = "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
            + "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|"
            + "ninety|hundred|thousand|half|quarters?|point|full|whole|a|an|and|of|couple)";
    /** English number words: "one hundred and twenty", "half a", "a quarter", "two point five", "a couple of". */
    static final String EN_NUMBER = "(?:\\b" + EN_WORD + "(?:[\\s-]+" + EN_WORD + ")*\\b)";

    private Numbers() {
    }

    /** Any number form; empty for what is not a finite number. */
    static OptionalDouble parse(String text) {
        OptionalDouble v = parseAny(text);
        return v.isPresent() && Double.isFinite(v.getAsDouble()) && Math.abs(v.getAsDouble()) < 1e12 ? v : OptionalDouble.empty();
    }

    private static OptionalDouble parseAny(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return OptionalDouble.empty();
        }
        OptionalDouble d = parseDigits(t);
        if (d.isPresent()) {
            return d;
        }
        d = parsePi(t);
        if (d.isPresent()) {
            return d;
        }
        d = parseChinese(t);
        if (d.isPresent()) {
            return d;
        }
        return parseEnglish(t);
    }

    static OptionalDouble parseDigits(String t) {
        String s = t.replace('−', '-').replace(" ", "");
        if (!s.matches(DIGIT_NUMBER.replace("\\s*", ""))) {
            return OptionalDouble.empty();
        }
        try {
            int slash = s.indexOf('/');
            if (slash > 0) {
                double den = Double.parseDouble(s.substring(slash + 1));
                return den == 0 ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(s.substring(0, slash)) / den);
            }
            return OptionalDouble.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    static OptionalDouble parsePi(String t) {
        String s = t.replace(" ", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)?(?:pi|π)(?:/(\\d+))?").matcher(s);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double v = Math.PI;
        if (m.group(1) != null) {
            v *= Double.parseDouble(m.group(1));
        }
        if (m.group(2) != null) {
            double den = Double.parseDouble(m.group(2));
            if (den == 0) {
                return OptionalDouble.empty();
            }
            v /= den;
        }
        return OptionalDouble.of(v);
    }

    /** 一百二十 → 120, 两 → 2, 十五 → 15, 一百二 → 120, 一点五 → 1.5, 四分之一 → 0.25, 半 → 0.5. */
    static OptionalDouble parseChinese(String t) {
        String s = t.strip();
        if (s.equals("半")) {
            return OptionalDouble.of(0.5);
        }
        int frac = s.indexOf("分之");
        if (frac > 0) {
            OptionalDouble den = parseChinese(s.substring(0, frac));
            OptionalDouble num = parseChinese(s.substring(frac + 2));
            if (den.isEmpty() || num.isEmpty() || den.getAsDouble() == 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(num.getAsDouble() / den.getAsDouble());
        }
        int dot = s.indexOf('点');
        if (dot >= 0) {
            OptionalDouble whole = dot == 0 ? OptionalDouble.of(0) : parseChinese(s.substring(0, dot));
            String decimals = s.substring(dot + 1);
            if (whole.isEmpty() || decimals.isEmpty()) {
                return OptionalDouble.empty();
            }
            StringBuilder ds = new StringBuilder("0.");
            for (char c : decimals.toCharArray()) {
                int d = digit(c);
                if (d < 0) {
                    return OptionalDouble.empty();
                }
                ds.append(d);
            }
            return OptionalDouble.of(whole.getAsDouble() + Double.parseDouble(ds.toString()));
        }
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        long total = 0;
        long section = 0;
        long num = 0;
        long lastUnit = 0;
        boolean any = false;
        boolean allDigits = true;
        for (char c : s.toCharArray()) {
            int d = digit(c);
            if (d >= 0) {
                num = d;
                any = true;
                continue;
            }
            allDigits = false;
            switch (c) {
                case '十' -> { section += (num == 0 ? 1 : num) * 10; num = 0; lastUnit = 10; }
                case '百' -> { section += num * 100; num = 0; lastUnit = 100; }
                case '千' -> { section += num * 1000; num = 0; lastUnit = 1000; }
                case '万' -> { total += (section + num) * 10000; section = 0; num = 0; lastUnit = 10000; }
                default -> { return OptionalDouble.empty(); }
            }
            any = true;
        }
        if (!any) {
            return OptionalDouble.empty();
        }
        if (allDigits && s.length() > 1) {
            // digit by digit: 一二〇 → 120
            long v = 0;
            for (char c : s.toCharArray()) {
                v = v * 10 + digit(c);
            }
            return OptionalDouble.of(v);
        }
        // colloquial 一百二 = 120, 一千五 = 1500, 两万三 = 23000: a trailing digit right after 百/千/万
        char lastChar = s.charAt(s.length() - 1);
        if (digit(lastChar) > 0 && s.length() >= 2 && lastUnit >= 100 && "百千万".indexOf(s.charAt(s.length() - 2)) >= 0) {
            num *= lastUnit / 10;
        }
        return OptionalDouble.of(total + section + num);
    }

    static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }

    /**
     * English number words: "ninety" 90, "one hundred and twenty" 120, "half a" 0.5, "a" 1,
     * "one and a half" 1.5, "two point five" 2.5, "a quarter" 0.25, "three quarters" 0.75, "a full" 1.
     */
    static OptionalDouble parseEnglish(String t) {
        String[] words = t.strip().toLowerCase(java.util.Locale.ROOT).split("[\\s-]+");
        double total = 0;
        double current = 0;
        double extra = 0;
        boolean any = false;
        boolean point = false;
        double scale = 0.1;
        boolean seenHalfOrQuarter = false;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty() || w.equals("and") || w.equals("of")) {
                continue;
            }
            if (point) {
                Integer d = EN_SMALL.get(w);
                if (d == null || d > 9) {
                    return OptionalDouble.empty();
                }
                extra += d * scale;
                scale /= 10;
                continue;
            }
            switch (w) {
                case "a", "an" -> {
                    // "a meter" = 1; "half a" / "and a half" / "a quarter": the article only counts alone
                    boolean nextIsFraction = i + 1 < words.length && words[i + 1].matches("half|quarters?|full|whole");
                    if (!seenHalfOrQuarter && !nextIsFraction && current == 0 && total == 0) {
                        current = 1;
                        any = true;
                    }
                }
                case "full", "whole" -> {
                    if (current == 0 && total == 0 && !seenHalfOrQuarter) {
                        current = 1;
                    }
                    any = true;
                }
                case "couple" -> { current = 2; any = true; }
                case "half" -> {
                    if (current == 0 && total == 0) {
                        current = 0.5;
                    } else {
                        extra += 0.5;
                    }
                    seenHalfOrQuarter = true;
                    any = true;
                }
                case "quarter", "quarters" -> {
                    if (current == 0 && total == 0) {
                        current = 0.25;
                    } else if (i > 0 && (words[i - 1].equals("a") || words[i - 1].equals("and"))) {
                        extra += 0.25;
                    } else {
                        current = (total + current) * 0.25;
                        total = 0;
                    }
                    seenHalfOrQuarter = true;
                    any = true;
                }
                case "point" -> point = true;
                case "hundred" -> { current = (current == 0 ? 1 : current) * 100; any = true; }
                case "thousand" -> { total += (current == 0 ? 1 : current) * 1000; current = 0; any = true; }
                default -> {
                    Integer small = EN_SMALL.get(w);
                    Integer tens = EN_TENS.get(w);
                    if (small != null) {
                        current += small;
                    } else if (tens != null) {
                        current += tens;
                    } else {
                        return OptionalDouble.empty();
                    }
                    any = true;
                }
            }
        }
        if (!any) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(total + current + extra);
    }

}
