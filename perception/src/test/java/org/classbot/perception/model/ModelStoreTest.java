package org.classbot.perception.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @TempDir
    Path dir;

    @Test
    void should_prefer_an_existing_file_path() throws Exception {
        Path f = Files.writeString(dir.resolve("mine.onnx"), "x");
        assertThat(new ModelStore(dir.resolve("store")).find(f.toString())).isEqualTo(f);
    }

    @Test
    void should_resolve_an_installed_name_with_or_without_the_extension() throws Exception {
        Files.writeString(dir.resolve("centernet.onnx"), "x");
        ModelStore store = new ModelStore(dir);
        assertThat(store.find("centernet")).isEqualTo(dir.resolve("centernet.onnx"));
        assertThat(store.find("centernet.onnx")).isEqualTo(dir.resolve("centernet.onnx"));
        assertThat(store.installed()).containsExactly("centernet");
    }

    @Test
    void should_say_how_to_install_a_known_model_that_is_missing() {
        assertThatThrownBy(() -> new ModelStore(dir).find("movenet-thunder"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("not installed")
                .hasMessageContaining("classbot models install movenet-thunder");
    }

    @Test
    void should_list_what_is_installed_when_a_name_is_unknown() throws Exception {
        Files.writeString(dir.resolve("movenet-lightning.onnx"), "x");
        assertThatThrownBy(() -> new ModelStore(dir).find("yolo-missing.onnx"))
                .hasMessageContaining("yolo-missing.onnx").hasMessageContaining("movenet-lightning");
    }
}
