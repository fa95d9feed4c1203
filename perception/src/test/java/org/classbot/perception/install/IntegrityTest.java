package org.classbot.perception.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityTest {

    @TempDir
    Path dir;

    @Test
    void should_match_the_sha512_of_a_file() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "hello\n");
        // sha512 of "hello\n", base64 (as `openssl dgst -sha512 -binary | base64` prints it)
        Integrity i = Integrity.parse("sha512-58IrmUxZ2c8rSOVJseJGZmNgRZMNPafBrLKZ0cO3+TH5Sq5B7dosKyB6NuEPi8uNRSI+VIePWzFufOO2vAGWKQ==");
        assertThat(i.algorithm()).isEqualTo("sha512");
        assertThat(i.matches(f)).isTrue();
        assertThat(Integrity.of(f, "sha512")).isEqualTo(i);
        Files.writeString(f, "hello!\n");
        assertThat(i.matches(f)).isFalse();
    }

    @Test
    void should_pick_the_strongest_of_several_hashes() {
        Integrity i = Integrity.parse("sha1-AAAA sha512-BBBB sha256-CCCC");
        assertThat(i).isEqualTo(new Integrity("sha512", "BBBB"));
    }

    @Test
    void should_refuse_a_string_without_a_known_hash() {
        assertThatThrownBy(() -> Integrity.parse("md5-xyz")).hasMessageContaining("not an integrity string");
    }
}
