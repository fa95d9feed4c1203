package org.classbot.perception.frame;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.classbot.perception.Frame;

/** One still image (JPEG, PNG, BMP) read with ImageIO, as frame 0 at t = 0. */
final class ImageFileSource implements FrameSource {

    private final Path path;
    private boolean done;

    ImageFileSource(Path path) {
        this.path = path;
    }

    /** Reads an image file as BGR; throws with the path when it is not a readable image. */
    static BufferedImage read(Path path) {
        try {
            BufferedImage img = ImageIO.read(path.toFile());
            if (img == null) {
                throw new IllegalArgumentException("not an image ImageIO can read (JPEG, PNG, BMP): " + path);
            }
            return Images.toBgr(img);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Frame> next() {
        if (done) {
            return Optional.empty();
        }
        done = true;
        return Optional.of(new Frame(0, 0, read(path)));
    }

    @Override
    public boolean live() { return false; }

    @Override
    public double frameRate() { return 0; }

    @Override
    public String description() { return "image " + path; }

    @Override
    public void close() {
        done = true;
    }
}
