package org.classbot.perception.model;

/** A model that cannot be loaded, has a layout the runner does not know, or fails to run. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
