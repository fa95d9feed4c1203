package org.classbot.launch.config;

import org.classbot.launch.app.UserError;

/** {@code web.*}: where the dashboard listens. */
public record WebSettings(String host, int port) {

    public WebSettings {
        if (port < 0 || port > 65535) {
            throw new UserError("web.port must be 0..65535, got " + port);
        }
    }

    static WebSettings from(ClassbotConfig c) {
        return new WebSettings(c.string("web.host"), c.integer("web.port"));
    }
}
