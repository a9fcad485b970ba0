package io.filepipe.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Files for the processor benchmarks, made on the spot: JPEGs of pixel noise (which JPEG cannot
 * compress much, so a 10 MB file is a realistic 4-5 megapixel photo rather than a huge flat image),
 * a small picture, and a PDF that is a valid header, one binary stream and a trailer.
 */
final class SampleFiles {

    private SampleFiles() {
    }

    /** A noise JPEG of about {@code targetBytes} (within a few per cent), 4:3. */
    static byte[] noiseJpeg(long targetBytes, long seed) {
        byte[] sample = jpeg(noise(256, 192, seed));
        double bytesPerPixel = sample.length / (256.0 * 192.0);
        double pixels = targetBytes / bytesPerPixel;
        int width = (int) Math.round(Math.sqrt(pixels * 4 / 3));
        int height = (int) Math.round(width * 3 / 4.0);
        return jpeg(noise(width, height, seed));
    }

    /** A small, smooth picture: what a first invocation typically gets. */
    static byte[] smallJpeg() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 640, 480, Color.BLUE));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        return jpeg(image);
    }

    /** A PDF of exactly {@code bytes} bytes: header, one stream object of noise, trailer. */
    static byte[] pdf(int bytes, long seed) {
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Length 0 >>\nstream\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] pdf = new byte[bytes];
        System.arraycopy(head, 0, pdf, 0, head.length);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = head.length; i < bytes - tail.length; i++) {
            pdf[i] = (byte) random.nextInt(256);
        }
        System.arraycopy(tail, 0, pdf, bytes - tail.length, tail.length);
        return pdf;
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = random.nextInt(1 << 24);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
