package org.classbot.perception.yolo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.classbot.perception.Box;

/** Greedy non-maximum suppression, per class (boxes of different classes never suppress each other). */
public final class Nms {

    private Nms() {
    }

    /** Indices of the kept boxes, by descending score, at most {@code max}. */
    public static List<Integer> keep(List<Box> boxes, double[] scores, int[] classes, double iou, int max) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Integer> kept = new ArrayList<>();
        boolean[] removed = new boolean[boxes.size()];
        for (int a = 0; a < order.size() && kept.size() < max; a++) {
            int i = order.get(a);
            if (removed[i]) {
                continue;
            }
            kept.add(i);
            for (int b = a + 1; b < order.size(); b++) {
                int j = order.get(b);
                if (!removed[j] && classes[j] == classes[i] && boxes.get(i).iou(boxes.get(j)) > iou) {
                    removed[j] = true;
                }
            }
        }
        return kept;
    }
}
