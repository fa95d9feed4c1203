package org.classbot.launch.config;

import java.nio.file.Path;
import java.util.Optional;

import org.classbot.launch.app.UserError;

/**
 * {@code web.*}: where the dashboard listens, where it keeps the conversation and uploads, and how fast the
 * teacher's pad may drive (the governor's limits cap it again).
 *
 * @param history        the conversation file ({@code web.history}); empty = beside the knowledge index
 * @param uploads        the folder for documents uploaded from the page ({@code web.uploads}); empty = beside the index
 * @param historyKeep    how many conversation entries are kept on disk
 * @param teleopLinear   m/s, the pad's top forward speed
 * @param teleopAngular  rad/s, the pad's top turn rate
 * @param deadmanMs      the pad's robot stops when no fresh "still pressed" arrives for this long
 */
public record WebSettings(String host, int port, Optional<Path> history, Optional<Path> uploads, int historyKeep,
                          double teleopLinear, double teleopAngular, int deadmanMs) {

    public WebSettings {
        if (port < 0 || port > 65535) {
            throw new UserError("web.port must be 0..65535, got " + port);
        }
        if (historyKeep < 1) {
            throw new UserError("web.history_keep must be at least 1, got " + historyKeep);
        }
        if (!(teleopLinear > 0) || !(teleopAngular > 0)) {
            throw new UserError("web.teleop.max_linear_mps and max_angular_rps must be > 0");
        }
        if (deadmanMs < 50 || deadmanMs > 2000) {
            throw new UserError("web.teleop.deadman_ms must be 50..2000, got " + deadmanMs);
        }
    }

    /** Host and port, the rest at its defaults. */
    public WebSettings(String host, int port) {
        this(host, port, Optional.empty(), Optional.empty(), 200, 0.25, 1.0, 300);
    }

    static WebSettings from(ClassbotConfig c) {
        return new WebSettings(c.string("web.host"), c.integer("web.port"), c.path("web.history"), c.path("web.uploads"),
                c.integer("web.history_keep"), c.decimal("web.teleop.max_linear_mps"), c.decimal("web.teleop.max_angular_rps"),
                c.integer("web.teleop.deadman_ms"));
    }

    /** The conversation file: {@code web.history}, else {@code INDEX.history.json} beside the index; empty = memory only. */
    public Optional<Path> historyFile(Path index) {
        return history.isPresent() ? history : Optional.ofNullable(index).map(i -> i.resolveSibling(i.getFileName() + ".history.json"));
    }

    /** The uploads folder: {@code web.uploads}, else {@code INDEX.uploads} beside the index. */
    public Optional<Path> uploadsDir(Path index) {
        return uploads.isPresent() ? uploads : Optional.ofNullable(index).map(i -> i.resolveSibling(i.getFileName() + ".uploads"));
    }
}
