package org.classbot.perception.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.classbot.perception.install.KnownModel;

/**
 * Where installed models live ({@code ~/.classbot/models}, or {@code $CLASSBOT_HOME/models}, or the
 * folder the config key {@code perception.models_dir} names) and how {@code --model X} is resolved:
 * an existing file wins; otherwise {@code X} (or {@code X.onnx}) is looked up among installed models.
 */
public final class ModelStore {

    public static final String HOME_ENV = "CLASSBOT_HOME";

    private final Path dir;

    public ModelStore(Path dir) {
        this.dir = dir;
    }

    /** The default store: {@code $CLASSBOT_HOME/models} when that variable is set, else {@code ~/.classbot/models}. */
    public static ModelStore standard() {
        String home = System.getenv(HOME_ENV);
        return new ModelStore(home != null && !home.isBlank() ? Path.of(home, "models")
                : Path.of(System.getProperty("user.home"), ".classbot", "models"));
    }

    /** {@link #find} in the {@link #standard()} store. */
    public static Path resolve(String fileOrName) {
        return standard().find(fileOrName);
    }

    public Path dir() {
        return dir;
    }

    /**
     * The model file for {@code --model fileOrName}: a path to an existing file, or the name of an
     * installed model ({@code centernet}, {@code movenet-lightning}, or any {@code NAME.onnx} in the
     * store). Throws {@link ModelException} with what to do when neither exists.
     */
    public Path find(String fileOrName) {
        if (fileOrName == null || fileOrName.isBlank()) {
            throw new ModelException("no model given: pass --model FILE.onnx or an installed name (" + String.join(", ", KnownModel.ids()) + ")");
        }
        Path asFile = Path.of(fileOrName);
        if (Files.isRegularFile(asFile)) {
            return asFile;
        }
        String name = fileOrName.endsWith(".onnx") ? fileOrName.substring(0, fileOrName.length() - 5) : fileOrName;
        if (!name.contains("/") && !name.contains("\\")) {
            Path installed = dir.resolve(name + ".onnx");
            if (Files.isRegularFile(installed)) {
                return installed;
            }
            if (KnownModel.byId(name).isPresent()) {
                throw new ModelException("model '" + name + "' is not installed in " + dir
                        + ": run 'classbot models install " + name + "' (模型未安装)");
            }
        }
        List<String> have = installed();
        throw new ModelException("no model file or installed model named '" + fileOrName + "'"
                + (have.isEmpty() ? " (nothing installed in " + dir + "; try 'classbot models install movenet-lightning')"
                : " (installed in " + dir + ": " + String.join(", ", have) + ")"));
    }

    /** Names of the installed models ({@code *.onnx} in the store), sorted. */
    public List<String> installed() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
