package org.classbot.knowledge.index;

/**
 * One vector field of the index and the embedding model that fills it. The primary space ({@code vector})
 * holds every chunk; an optional English space ({@code vector_en}) serves English questions.
 */
public record VectorSpace(String field, String model, int dimension) {
    public static final String PRIMARY = "vector";
    public static final String ENGLISH = "vector_en";

    /** The commit user-data key prefix under which the model's name and dimension are recorded. */
    String metaPrefix() {
        return field.equals(PRIMARY) ? "classbot.embedding" : "classbot.embedding." + field;
    }
}
