package org.classbot.launch.web;

/** An API refusal: the HTTP status and the one-line bilingual reason (sent as {@code {"error": ...}}). */
final class WebError extends RuntimeException {

    final int status;

    WebError(int status, String message) {
        super(message);
        this.status = status;
    }
}
