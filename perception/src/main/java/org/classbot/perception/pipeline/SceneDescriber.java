package org.classbot.perception.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.classbot.perception.Coco;
import org.classbot.perception.Detection;

/**
 * A short sentence for the agent to say about what the camera sees, in English and Chinese:
 * "two people, a chair / 两个人，一把椅子". Objects below {@code minScore} are left out; people come
 * first, then other things by count.
 */
public final class SceneDescriber {

    /** The sentence in both languages and the counts behind it (label → count). */
    public record Scene(String english, String chinese, Map<String, Integer> counts) {
        public String bilingual() { return english + " / " + chinese; }
    }

    private static final String[] EN_NUM = {"no", "a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    private static final String[] ZH_NUM = {"零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final Set<String> ANIMALS = Set.of("bird", "cat", "dog", "horse", "sheep", "cow", "elephant",
            "bear", "zebra", "giraffe", "teddy bear");
    private static final Set<String> VEHICLES = Set.of("bicycle", "car", "motorcycle", "bus", "truck");
    private static final Set<String> MACHINES = Set.of("tv", "laptop", "microwave", "oven", "toaster", "refrigerator",
            "cell phone", "keyboard", "hair drier");
    private static final Set<String> HANDLED = Set.of("chair", "umbrella", "knife", "fork", "spoon", "scissors",
            "toothbrush", "tennis racket");
    private static final Set<String> FLAT = Set.of("bed", "dining table", "couch", "bench");

    private final double minScore;

    public SceneDescriber(double minScore) {
        this.minScore = minScore;
    }

    public SceneDescriber() {
        this(0.4);
    }

    public Scene describe(List<Detection> detections) {
        Map<Integer, Integer> byClass = new LinkedHashMap<>();
        detections.stream().filter(d -> d.score() >= minScore)
                .sorted((a, b) -> Integer.compare(a.classId() == Coco.PERSON ? 0 : 1, b.classId() == Coco.PERSON ? 0 : 1))
                .forEach(d -> byClass.merge(d.classId(), 1, Integer::sum));
        List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(byClass.entrySet());
        entries.sort((a, b) -> a.getKey() == Coco.PERSON ? -1 : b.getKey() == Coco.PERSON ? 1
                : Integer.compare(b.getValue(), a.getValue()));
        if (entries.isEmpty()) {
            return new Scene("nothing I recognise", "没有看到认识的东西", Map.of());
        }
        List<String> en = new ArrayList<>(), zh = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : entries) {
            String label = Coco.label(e.getKey());
            int n = e.getValue();
            counts.put(label, n);
            en.add((n < EN_NUM.length ? EN_NUM[n] : String.valueOf(n)) + " " + (n == 1 ? label : plural(label)));
            zh.add((n < ZH_NUM.length ? ZH_NUM[n] : String.valueOf(n)) + measure(label) + Coco.labelZh(e.getKey()));
        }
        String english = String.join(", ", en);
        if (english.startsWith("a ") && startsWithVowel(english.substring(2))) {
            english = "an " + english.substring(2);
        }
        english = english.replaceAll(", a ([aeiou])", ", an $1");
        return new Scene(english, String.join("，", zh), counts);
    }

    private static boolean startsWithVowel(String s) {
        return !s.isEmpty() && "aeiou".indexOf(s.charAt(0)) >= 0;
    }

    static String plural(String label) {
        return switch (label) {
            case "person" -> "people";
            case "sheep", "skis", "scissors" -> label;
            case "mouse" -> "mice";
            case "knife" -> "knives";
            default -> label.endsWith("s") || label.endsWith("ch") || label.endsWith("sh") ? label + "es" : label + "s";
        };
    }

    static String measure(String label) {
        if (ANIMALS.contains(label)) {
            return "只";
        }
        if (VEHICLES.contains(label)) {
            return "辆";
        }
        if (MACHINES.contains(label)) {
            return "台";
        }
        if (HANDLED.contains(label)) {
            return "把";
        }
        if (FLAT.contains(label)) {
            return "张";
        }
        if (label.equals("airplane")) {
            return "架";
        }
        if (label.equals("train")) {
            return "列";
        }
        if (label.equals("book")) {
            return "本";
        }
        return "个";
    }
}
