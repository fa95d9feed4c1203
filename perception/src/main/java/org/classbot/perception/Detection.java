package org.classbot.perception;

import java.util.Objects;

/**
 * One detected object. {@code box} in original image pixels; {@code classId} a 0-based COCO-80
 * index (see {@link Coco#LABELS}) for COCO models; {@code label} the English class name;
 * {@code score} in [0,1].
 */
public record Detection(Box box, int classId, String label, double score) {

    public Detection {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(label, "label");
    }

    /** Detection of a COCO-80 class; the label is looked up in {@link Coco#LABELS}. */
    public static Detection coco(Box box, int classId, double score) {
        return new Detection(box, classId, Coco.label(classId), score);
    }

    public boolean isPerson() { return classId == Coco.PERSON && "person".equals(label); }
}
