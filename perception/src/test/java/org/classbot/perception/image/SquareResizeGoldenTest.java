package org.classbot.perception.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.classbot.perception.frame.Images;
import org.classbot.perception.model.Golden;

/** The project's own decode + pad + resize reproduces the golden model inputs byte for byte. */
class SquareResizeGoldenTest {

    static List<String> names() {
        return Golden.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void should_reproduce_golden_inputs_bit_exactly_from_the_decoded_image(String name) throws IOException {
        BufferedImage decoded = ImageIO.read(Golden.image(name).toFile());
        for (String model : List.of("movenet", "centernet")) {
            int n = model.equals("movenet") ? 192 : 512;
            byte[] expected = Golden.input(name, model);
            // straight from ImageIO's own image type (e.g. 8-bit grey for basketball1) ...
            assertThat(differingBytes(SquareResize.apply(decoded, n).rgb(), expected)).as(name + " " + model + " (ImageIO type " + decoded.getType() + ")").isZero();
            // ... and from the BGR frames that frame sources deliver
            assertThat(differingBytes(SquareResize.apply(Images.toBgr(decoded), n).rgb(), expected)).as(name + " " + model + " (BGR)").isZero();
        }
    }

    private static int differingBytes(byte[] a, byte[] b) {
        assertThat(a).hasSameSizeAs(b);
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                d++;
            }
        }
        return d;
    }
}
