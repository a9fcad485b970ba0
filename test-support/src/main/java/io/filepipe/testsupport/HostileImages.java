package io.filepipe.testsupport;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Images whose decoding costs far more than their size suggests, made on the spot from sound ones:
 * what an image processor has to bound by cost, not by bytes. They stay small enough for unit tests.
 */
public final class HostileImages {

    private HostileImages() {
    }

    /** A sound progressive JPEG (SOF2) as the JDK writes it: libjpeg's script, ten scans for colour. */
    public static byte[] progressiveJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A valid progressive JPEG whose last scan (a refinement of the AC coefficients) is repeated
     * {@code repeats} more times: a few bytes per scan, and by default a decoder renders the whole
     * picture again after every scan. Decoders only warn about the bogus progression.
     */
    public static byte[] jpegWithRepeatedScan(int width, int height, int repeats) {
        byte[] jpeg = progressiveJpeg(width, height);
        int lastScan = -1;
        int scanEnd = -1;
        int at = 2;
        while (at + 3 < jpeg.length && (jpeg[at + 1] & 0xFF) != 0xD9) {
            int marker = jpeg[at + 1] & 0xFF;
            int next = at + 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
            if (marker == 0xDA) {
                lastScan = at;
                next = endOfScan(jpeg, next);
                scanEnd = next;
            }
            at = next;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, scanEnd);
        for (int i = 0; i < repeats; i++) {
            out.write(jpeg, lastScan, scanEnd - lastScan);
        }
        out.write(jpeg, scanEnd, jpeg.length - scanEnd);
        return out.toByteArray();
    }

    private static int endOfScan(byte[] jpeg, int from) {
        for (int i = from; i + 1 < jpeg.length; i++) {
            int following = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == 0xFF && following != 0 && (following < 0xD0 || following > 0xD7)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the scan has no end");
    }

    /**
     * A JPEG whose frame header (SOF) announces {@code width x height} pixels over the data of a
     * 16x16 picture.
     */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = progressiveJpeg(16, 16);
        for (int at = 2; at + 8 < jpeg.length; ) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xC0 || marker == 0xC2) {
                ByteBuffer.wrap(jpeg, at + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
        }
        throw new IllegalStateException("no frame header");
    }

    /**
     * A PNG of {@code width x height} 16-bit RGBA pixels, all zero, in IDAT chunks of at most
     * {@code chunkBytes}: 8 bytes per pixel to inflate and unfilter from a few bytes per row.
     */
    public static byte[] pngOfZeros(int width, int height, int chunkBytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(compressed, deflater)) {
            byte[] row = new byte[1 + width * 8]; // filter type 0, then the row's samples
            for (int y = 0; y < height; y++) {
                deflating.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        byte[] data = compressed.toByteArray();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 16).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0).array());
        for (int from = 0; from < data.length; from += chunkBytes) {
            chunk(png, "IDAT", Arrays.copyOfRange(data, from, Math.min(data.length, from + chunkBytes)));
        }
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        try {
            DataOutputStream chunk = new DataOutputStream(out);
            chunk.writeInt(data.length);
            chunk.write(typeBytes);
            chunk.write(data);
            chunk.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An animated GIF: a sound 32x32 first frame followed by {@code frames - 1} frames that each
     * announce 65535x65535 pixels over a few bytes of garbage, so that decoding any of them fails.
     */
    public static byte[] gifWithBrokenFramesAfterTheFirst(int frames) {
        byte[] gif = singleFrameGif(32, 32);
        if ((gif[gif.length - 1] & 0xFF) != 0x3B) {
            throw new IllegalStateException("the GIF does not end with its trailer");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, gif.length - 1);
        byte[] broken = {0x2C, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0,
            8, 4, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD, (byte) 0xFC, 0};
        for (int i = 1; i < frames; i++) {
            out.writeBytes(broken);
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    /** A GIF whose screen and only frame announce {@code width x height} pixels over the data of 32x32. */
    public static byte[] gifClaiming(int width, int height) {
        byte[] gif = singleFrameGif(32, 32);
        ByteBuffer little = ByteBuffer.wrap(gif).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        little.putShort(6, (short) width).putShort(8, (short) height);
        for (int at = 13 + colourTableBytes(gif[10]); at < gif.length; ) {
            int block = gif[at] & 0xFF;
            if (block == 0x2C) {
                little.putShort(at + 5, (short) width).putShort(at + 7, (short) height);
                return gif;
            }
            if (block != 0x21) {
                break;
            }
            at += 2; // introducer and label, then sub-blocks up to an empty one
            while ((gif[at] & 0xFF) != 0) {
                at += 1 + (gif[at] & 0xFF);
            }
            at++;
        }
        throw new IllegalStateException("no image descriptor");
    }

    private static int colourTableBytes(byte packed) {
        return (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));
    }

    private static byte[] singleFrameGif(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "gif", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
