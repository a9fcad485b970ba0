package io.filepipe.processor;

import io.filepipe.core.ContentType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Measures and decodes images defensively, bounding what decoding costs before it starts: the size
 * comes from the header alone, so a decompression bomb is refused before a single pixel is decoded;
 * a JPEG's scans are counted before decoding (the JDK's decoder renders the whole picture again
 * after every scan of a progressive JPEG); decoding subsamples large images so the decoded raster
 * stays small whatever the original size; and a GIF's frames after the first are never read. What
 * remains (a large picture within the limits) is bounded in time by the caller
 * ({@link ImageBudget}), which can stop the decoder through the {@link Cancellation} given to
 * {@link #inspect}.
 */
final class ImageInspector {

    private final long maxPixels;
    private final int maxScans;
    private final int decodeLongSide;

    /**
     * @param maxPixels        the largest width x height accepted
     * @param maxScans         the most scans a JPEG may have
     * @param largestThumbnail the long side of the biggest thumbnail to be made
     */
    public ImageInspector(long maxPixels, int maxScans, int largestThumbnail) {
        this.maxPixels = maxPixels;
        this.maxScans = maxScans;
        // twice the biggest thumbnail leaves the resizer enough pixels for a smooth downscale
        this.decodeLongSide = 2 * largestThumbnail;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * The stored width and height written in the first bytes of an image, read without decoding a
     * pixel; empty when {@code header} does not hold them (cut too early, or malformed).
     */
    public Optional<Dimensions> measure(ContentType type, byte[] header) {
        if (type == ContentType.WEBP) {
            return WebpHeader.dimensions(header);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.mimeType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("the JDK has no decoder for " + type.mimeType());
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(header))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            return width > 0 && height > 0 ? Optional.of(new Dimensions(width, height)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    /**
     * Inspects an image of the given (sniffed) type held in {@code content}; once
     * {@code cancellation} is requested, decoding stops at the next row or read and the image is
     * {@link ImageInspection.TooComplex}.
     */
    public ImageInspection inspect(ContentType type, byte[] content, Cancellation cancellation) {
        if (!type.isImage()) {
            throw new IllegalArgumentException(type + " is not an image type");
        }
        if (type == ContentType.WEBP) {
            return WebpHeader.dimensions(content)
                    .map(d -> d.pixels() > maxPixels ? new ImageInspection.TooLarge(d, maxPixels)
                            : (ImageInspection) new ImageInspection.Readable(d, null))
                    .orElseGet(() -> new ImageInspection.Corrupt("malformed WebP header"));
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.mimeType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("the JDK has no decoder for " + type.mimeType());
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new CancellableInput(content, cancellation))) {
            // JPEG metadata is where the EXIF orientation lives; other formats' metadata is skipped
            reader.setInput(in, true, type != ContentType.JPEG);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                return new ImageInspection.Corrupt("header has no size");
            }
            Dimensions stored = new Dimensions(width, height);
            if (stored.pixels() > maxPixels) {
                return new ImageInspection.TooLarge(stored, maxPixels);
            }
            if (type == ContentType.JPEG && JpegScans.count(content, maxScans) > maxScans) {
                return new ImageInspection.TooComplex(stored, "the JPEG has more than " + maxScans
                        + " scans (progressive passes)");
            }
            Optional<Orientation> orientation = type == ContentType.JPEG ? exifOrientation(reader) : Optional.empty();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            reader.addIIOReadUpdateListener(new StopWhenCancelled(cancellation));
            BufferedImage pixels = reader.read(0, subsampled(reader, stored));
            if (cancellation.requested()) {
                return new ImageInspection.TooComplex(stored, "decoding was stopped");
            }
            Optional<String> missingData = warnings.stream().filter(ImageInspector::meansMissingData).findFirst();
            if (missingData.isPresent()) {
                return new ImageInspection.Corrupt(missingData.get());
            }
            if (orientation.isEmpty()) {
                return new ImageInspection.Readable(stored, pixels);
            }
            ImageFilter upright = ExifFilterUtils.getFilterForOrientation(orientation.get());
            Dimensions displayed = swapsSides(orientation.get()) ? new Dimensions(height, width) : stored;
            return new ImageInspection.Readable(displayed, upright.apply(pixels));
        } catch (IOException | RuntimeException e) {
            if (cancellation.requested()) {
                return new ImageInspection.TooComplex(null, "decoding was stopped");
            }
            // decoders answer malformed input with all sorts of runtime exceptions, not only IIOException
            return new ImageInspection.Corrupt(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    private ImageReadParam subsampled(ImageReader reader, Dimensions stored) {
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, stored.longSide() / decodeLongSide);
        param.setSourceSubsampling(step, step, 0, 0);
        return param;
    }

    private static Optional<Orientation> exifOrientation(ImageReader reader) {
        try {
            return Optional.ofNullable(ExifUtils.getExifOrientation(reader, 0));
        } catch (IOException | RuntimeException e) {
            // a broken EXIF block does not make the picture unusable: show it as stored
            return Optional.empty();
        }
    }

    private static boolean swapsSides(Orientation orientation) {
        return switch (orientation) {
            case LEFT_TOP, RIGHT_TOP, RIGHT_BOTTOM, LEFT_BOTTOM -> true;
            case TOP_LEFT, TOP_RIGHT, BOTTOM_RIGHT, BOTTOM_LEFT -> false;
        };
    }

    /**
     * The JPEG decoder reports a truncated file only as warnings ("Truncated File - Missing EOI
     * marker", "premature end of data segment") and fills the missing part with grey. Other warnings,
     * such as an ignored colour profile, leave a usable picture.
     */
    private static boolean meansMissingData(String warning) {
        String text = warning.toLowerCase(Locale.ROOT);
        return text.contains("truncated") || text.contains("premature end");
    }

    /** The image's bytes, refusing to be read once cancellation is requested. */
    private static final class CancellableInput extends InputStream {

        private final ByteArrayInputStream content;
        private final Cancellation cancellation;

        CancellableInput(byte[] content, Cancellation cancellation) {
            this.content = new ByteArrayInputStream(content);
            this.cancellation = cancellation;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkNotCancelled();
            return content.read(buffer, offset, length);
        }

        @Override
        public int read() throws IOException {
            checkNotCancelled();
            return content.read();
        }

        private void checkNotCancelled() throws InterruptedIOException {
            if (cancellation.requested()) {
                throw new InterruptedIOException("decoding was stopped");
            }
        }
    }

    /**
     * Aborts the read once cancellation is requested, from the decoding thread itself: the JPEG
     * reader refuses {@link ImageReader#abort()} from any other thread. Decoders report every row
     * they output.
     */
    private record StopWhenCancelled(Cancellation cancellation) implements IIOReadUpdateListener {

        private void check(ImageReader source) {
            if (cancellation.requested()) {
                source.abort();
            }
        }

        @Override
        public void passStarted(ImageReader source, BufferedImage theImage, int pass, int minPass, int maxPass,
                                int minX, int minY, int periodX, int periodY, int[] bands) {
            check(source);
        }

        @Override
        public void imageUpdate(ImageReader source, BufferedImage theImage, int minX, int minY, int width, int height,
                                int periodX, int periodY, int[] bands) {
            check(source);
        }

        @Override
        public void passComplete(ImageReader source, BufferedImage theImage) {
            check(source);
        }

        @Override
        public void thumbnailPassStarted(ImageReader source, BufferedImage theThumbnail, int pass, int minPass,
                                         int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {
            check(source);
        }

        @Override
        public void thumbnailUpdate(ImageReader source, BufferedImage theThumbnail, int minX, int minY, int width,
                                    int height, int periodX, int periodY, int[] bands) {
            check(source);
        }

        @Override
        public void thumbnailPassComplete(ImageReader source, BufferedImage theThumbnail) {
            check(source);
        }
    }
}
