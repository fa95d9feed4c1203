package org.classbot.perception.tfjs;

/** A TF.js model that cannot be read or converted; the message names the file, node or op at fault. */
public final class TfjsConversionException extends RuntimeException {

    public TfjsConversionException(String message) {
        super(message);
    }
}
