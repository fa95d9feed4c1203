package org.classbot.perception.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.classbot.perception.Detection;

/** Greedy non-maximum suppression over {@link Detection}s. */
public final class Nms {

    private Nms() {
    }

    /** Detections sorted by score, highest first. */
    public static List<Detection> byScore(List<Detection> in) {
        List<Detection> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        return sorted;
    }

    /** Keeps, per class, each detection that overlaps no higher-scoring kept one by more than {@code iou}. */
    public static List<Detection> perClass(List<Detection> in, double iou) {
        List<Detection> kept = new ArrayList<>();
        for (Detection d : byScore(in)) {
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.classId() == d.classId() && k.box().iou(d.box()) > iou) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }
}
