package org.classbot.perception;

import java.util.List;
import java.util.Objects;

/**
 * One person's pose: exactly 17 {@link Keypoint}s in COCO-17 order ({@code keypoints.get(i).index() == i}),
 * in original image pixels; {@code score} an overall confidence (for MoveNet single-pose: the mean
 * keypoint score); {@code box} the person's box in image pixels (for a single-pose model: the
 * bounding box of keypoints with score above a small threshold, or the crop region when none is).
 */
public record PoseEstimate(List<Keypoint> keypoints, double score, Box box) {

    public PoseEstimate {
        keypoints = List.copyOf(keypoints);
        Objects.requireNonNull(box, "box");
        if (keypoints.size() != Coco.KEYPOINTS.size()) {
            throw new IllegalArgumentException("a pose has 17 COCO keypoints, got " + keypoints.size());
        }
        for (int i = 0; i < keypoints.size(); i++) {
            if (keypoints.get(i).index() != i) {
                throw new IllegalArgumentException("keypoint " + i + " has index " + keypoints.get(i).index());
            }
        }
    }

    public Keypoint keypoint(int cocoIndex) { return keypoints.get(cocoIndex); }

    /** A copy with every coordinate shifted by (dx, dy), e.g. from crop to frame pixels. */
    public PoseEstimate translate(double dx, double dy) {
        return new PoseEstimate(keypoints.stream()
                .map(k -> new Keypoint(k.index(), k.x() + dx, k.y() + dy, k.score())).toList(),
                score, new Box(box.x1() + dx, box.y1() + dy, box.x2() + dx, box.y2() + dy));
    }
}
