package org.classbot.perception.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class SquareResizeTest {

    @Test
    void should_pad_at_the_right_and_bottom_with_zeros() {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, 0xff0000 | (x * 10) << 8 | 200);
            }
        }
        SquareInput in = SquareResize.apply(img, 4); // 4x2 padded to 4x4, no scaling
        assertThat(in.padTo()).isEqualTo(4);
        byte[] rgb = in.rgb();
        assertThat(rgb[0] & 0xff).isEqualTo(255);
        assertThat(rgb[(1 * 4 + 3) * 3 + 1] & 0xff).isEqualTo(30);
        assertThat(rgb[(1 * 4 + 3) * 3 + 2] & 0xff).isEqualTo(200);
        for (int i = 2 * 4 * 3; i < rgb.length; i++) {
            assertThat(rgb[i]).isZero();
        }
    }

    @Test
    void should_average_two_pixels_when_halving_with_half_pixel_centres() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 10);
        img.getRaster().setSample(1, 0, 0, 21);
        img.getRaster().setSample(0, 1, 0, 10);
        img.getRaster().setSample(1, 1, 0, 21);
        // S=2 -> N=1: source coordinate (0+0.5)*2-0.5 = 0.5: the mean, 15.5, rounds half up to 16
        byte[] rgb = SquareResize.apply(img, 1).rgb();
        assertThat(rgb).containsExactly(16, 16, 16);
    }

    @Test
    void should_map_input_coordinates_back_to_image_pixels_of_a_region() {
        BufferedImage img = new BufferedImage(100, 80, BufferedImage.TYPE_3BYTE_BGR);
        SquareInput in = SquareResize.apply(img, 20, 10, 40, 60, 192);
        assertThat(in.padTo()).isEqualTo(60);
        assertThat(in.imageX(96)).isEqualTo(20 + 30.0);
        assertThat(in.imageY(192)).isEqualTo(10 + 60.0);
    }
}
