package org.classbot.perception.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ImagesTest {

    @Test
    void should_encode_a_jpeg_that_decodes_to_the_same_picture() throws IOException {
        BufferedImage argb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setColor(new Color(200, 30, 40));
        g.fillRect(0, 0, 32, 48);
        g.setColor(new Color(20, 40, 220));
        g.fillRect(32, 0, 32, 48);
        g.dispose();

        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(Images.jpegBase64(argb, 1.0))));

        assertThat(back.getWidth()).isEqualTo(64);
        assertThat(back.getHeight()).isEqualTo(48);
        Color left = new Color(back.getRGB(8, 24));
        Color right = new Color(back.getRGB(56, 24));
        assertThat(left.getRed()).isBetween(180, 220);
        assertThat(left.getBlue()).isLessThan(70);
        assertThat(right.getBlue()).isBetween(200, 240);
        assertThat(right.getRed()).isLessThan(50);
    }

    @Test
    void should_scale_down_before_encoding() throws IOException {
        BufferedImage bgr = new BufferedImage(768, 576, BufferedImage.TYPE_3BYTE_BGR);

        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(Images.jpegBase64(bgr, 0.5))));

        assertThat(back.getWidth()).isEqualTo(384);
        assertThat(back.getHeight()).isEqualTo(288);
    }
}
