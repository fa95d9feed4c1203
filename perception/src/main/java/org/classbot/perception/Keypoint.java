package org.classbot.perception;

/**
 * One body keypoint in <b>original image pixels</b>. {@code index} is the COCO-17 index
 * ({@link Coco#KEYPOINTS}: 0 nose ... 16 right_ankle; "left" = the subject's left);
 * {@code score} the model's confidence in [0,1]. MoveNet's {@code [y, x, score]} normalised to
 * the padded square becomes {@code x = x_n * pad_to + cropX}, {@code y = y_n * pad_to + cropY}.
 */
public record Keypoint(int index, double x, double y, double score) {

    public Keypoint {
        if (index < 0 || index >= Coco.KEYPOINTS.size()) {
            throw new IllegalArgumentException("keypoint index " + index + " outside COCO-17 (0..16)");
        }
    }

    public String name() { return Coco.KEYPOINTS.get(index); }
}
