package io.filepipe.processor;

import io.filepipe.core.ContentType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Renders one thumbnail per configured size, the long side equal to the size and the aspect ratio
 * kept. A thumbnail is never larger than the original: for sizes at or above the original's long
 * side it is the whole picture re-encoded, so every size always exists. JPEG stays JPEG; PNG and GIF
 * become PNG, which keeps transparency.
 */
final class Thumbnailer {

    private static final float JPEG_QUALITY = 0.85f;

    private final List<Integer> sizes;

    public Thumbnailer(List<Integer> sizes) {
        this.sizes = List.copyOf(sizes);
    }

    /**
     * @param pixels   the decoded picture, possibly already reduced
     * @param original the original's displayed dimensions, which decide the no-upscaling rule
     * @param source   the original's type, which decides the output format
     */
    public List<Thumbnail> render(BufferedImage pixels, Dimensions original, ContentType source) {
        ContentType format = source == ContentType.JPEG ? ContentType.JPEG : ContentType.PNG;
        List<Thumbnail> thumbnails = new ArrayList<>(sizes.size());
        for (int size : sizes) {
            int longSide = Math.min(size, original.longSide());
            thumbnails.add(new Thumbnail(size, format, encode(pixels, longSide, format)));
        }
        return thumbnails;
    }

    private static byte[] encode(BufferedImage pixels, int longSide, ContentType format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(pixels)
                    .size(longSide, longSide)
                    .keepAspectRatio(true);
            if (format == ContentType.JPEG) {
                builder.outputFormat("jpg").outputQuality(JPEG_QUALITY);
            } else {
                builder.outputFormat("png");
            }
            builder.toOutputStream(out);
        } catch (IOException e) {
            // writing to memory cannot fail for I/O reasons: this is an encoder problem, never transient
            throw new IllegalStateException("encoding a " + format.mimeType() + " thumbnail failed", e);
        }
        return out.toByteArray();
    }
}
