package org.classbot.launch.config;

import java.nio.file.Path;
import java.util.Map;

import org.classbot.launch.app.UserError;
import org.classbot.perception.model.ModelStore;

/**
 * {@code perception.*}. The models folder is {@code perception.models_dir}; when that is left at its
 * documented default and {@code CLASSBOT_HOME} is set, {@code $CLASSBOT_HOME/models}.
 */
public record PerceptionSettings(Path modelsDir, String detectModel, String poseModel, int detectEvery, int maxPeople, double minPersonScore, double minKeypointScore) {

    public PerceptionSettings {
        if (detectEvery < 1) {
            throw new UserError("perception.detect_every must be 1 or more, got " + detectEvery);
        }
        if (maxPeople < 1) {
            throw new UserError("perception.max_people must be 1 or more, got " + maxPeople);
        }
        if (!(minPersonScore >= 0 && minPersonScore <= 1) || !(minKeypointScore >= 0 && minKeypointScore <= 1)) {
            throw new UserError("perception.min_person_score and min_keypoint_score must be 0..1");
        }
    }

    static PerceptionSettings from(ClassbotConfig c, Map<String, String> env) {
        return new PerceptionSettings(modelsDir(c, env), c.string("perception.detect_model"), c.string("perception.pose_model"), c.integer("perception.detect_every"), c.integer("perception.max_people"),
                c.decimal("perception.min_person_score"), c.decimal("perception.min_keypoint_score"));
    }

    private static Path modelsDir(ClassbotConfig c, Map<String, String> env) {
        String key = "perception.models_dir";
        String v = c.string(key);
        String home = env.get(ModelStore.HOME_ENV);
        boolean atDefault = v.equals(c.defaultOf(key).strip());
        if (atDefault && home != null && !home.isBlank()) {
            return Path.of(home, "models");
        }
        if (v.isEmpty()) {
            throw new UserError(key + " is empty; give a folder for the installed models (default ~/.classbot/models)");
        }
        return ClassbotConfig.expandHome(v);
    }
}
