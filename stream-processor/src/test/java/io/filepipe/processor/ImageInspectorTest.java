package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.ContentType;
import io.filepipe.testsupport.TestImages;
import io.filepipe.testsupport.HostileImages;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {

    private static final long MAX_PIXELS = 50_000_000L;
    private static final int MAX_SCANS = 100;

    private final ImageInspector inspector = new ImageInspector(MAX_PIXELS, MAX_SCANS, 512);

    @Test
    void smallImageIsDecodedAtFullSize() {
        var readable = assertInstanceOf(ImageInspection.Readable.class,
                inspector.inspect(ContentType.PNG, TestImages.png(640, 480), new Cancellation()));

        assertEquals(new Dimensions(640, 480), readable.dimensions());
        assertEquals(640, readable.pixels().getWidth());
        assertEquals(480, readable.pixels().getHeight());
    }

    @Test
    void largeImageIsDecodedSubsampledButMeasuredInFull() {
        var readable = assertInstanceOf(ImageInspection.Readable.class,
                inspector.inspect(ContentType.JPEG, TestImages.jpeg(4200, 2100), new Cancellation()));

        assertEquals(new Dimensions(4200, 2100), readable.dimensions());
        // every 4th pixel: still above twice the largest thumbnail, far below the original
        assertEquals(1050, readable.pixels().getWidth());
        assertEquals(525, readable.pixels().getHeight());
    }

    @Test
    void headerClaimingTooManyPixelsIsRefusedWithoutDecoding() {
        var tooLarge = assertInstanceOf(ImageInspection.TooLarge.class,
                inspector.inspect(ContentType.PNG, TestImages.pngClaiming(30_000, 30_000), new Cancellation()));

        assertEquals(new Dimensions(30_000, 30_000), tooLarge.dimensions());
        assertEquals(MAX_PIXELS, tooLarge.maxPixels());
    }

    @Test
    void imageJustAtThePixelLimitIsAccepted() {
        ImageInspector strict = new ImageInspector(640L * 480, MAX_SCANS, 128);

        assertInstanceOf(ImageInspection.Readable.class, strict.inspect(ContentType.PNG, TestImages.png(640, 480), new Cancellation()));
        assertInstanceOf(ImageInspection.TooLarge.class, strict.inspect(ContentType.PNG, TestImages.png(641, 480), new Cancellation()));
    }

    @Test
    void truncatedPngIsCorrupt() {
        assertInstanceOf(ImageInspection.Corrupt.class,
                inspector.inspect(ContentType.PNG, TestImages.truncated(TestImages.png(400, 300)), new Cancellation()));
    }

    @Test
    void truncatedJpegIsCorruptThoughTheDecoderOnlyWarns() {
        var corrupt = assertInstanceOf(ImageInspection.Corrupt.class,
                inspector.inspect(ContentType.JPEG, TestImages.truncated(TestImages.jpeg(400, 300)), new Cancellation()));

        assertTrue(corrupt.detail().toLowerCase(Locale.ROOT).contains("truncated") || corrupt.detail().contains("premature"),
                corrupt.detail());
    }

    @Test
    void truncatedGifIsCorrupt() {
        assertInstanceOf(ImageInspection.Corrupt.class,
                inspector.inspect(ContentType.GIF, TestImages.truncated(TestImages.gif(400, 300)), new Cancellation()));
    }

    @Test
    void garbageAfterMagicBytesIsCorrupt() {
        byte[] data = TestImages.png(10, 10);
        Arrays.fill(data, 8, data.length, (byte) 0x41);

        assertInstanceOf(ImageInspection.Corrupt.class, inspector.inspect(ContentType.PNG, data, new Cancellation()));
    }

    @Test
    void exifOrientationTurnsAPortraitPhotoUpright() {
        var readable = assertInstanceOf(ImageInspection.Readable.class,
                inspector.inspect(ContentType.JPEG, TestImages.jpegWithOrientation(400, 200, 6), new Cancellation()));

        assertEquals(new Dimensions(200, 400), readable.dimensions());
        BufferedImage upright = readable.pixels();
        assertEquals(200, upright.getWidth());
        assertEquals(400, upright.getHeight());
    }

    @Test
    void webpIsMeasuredFromItsHeaderOnly() {
        var readable = assertInstanceOf(ImageInspection.Readable.class,
                inspector.inspect(ContentType.WEBP, TestImages.webpLossy(800, 600), new Cancellation()));

        assertEquals(new Dimensions(800, 600), readable.dimensions());
        assertNull(readable.pixels());
    }

    @Test
    void webpBombIsRefused() {
        assertInstanceOf(ImageInspection.TooLarge.class,
                inspector.inspect(ContentType.WEBP, TestImages.webpExtended(30_000, 30_000), new Cancellation()));
    }

    @Test
    void malformedWebpIsCorrupt() {
        byte[] header = TestImages.webpLossy(800, 600);
        header[24] = 0;

        assertInstanceOf(ImageInspection.Corrupt.class, inspector.inspect(ContentType.WEBP, header, new Cancellation()));
    }

    @Test
    void aJpegWithMoreScansThanAllowedIsTooComplexBeforeDecoding() {
        var tooComplex = assertInstanceOf(ImageInspection.TooComplex.class,
                inspector.inspect(ContentType.JPEG, HostileImages.jpegWithRepeatedScan(64, 48, MAX_SCANS), new Cancellation()));

        assertEquals(new Dimensions(64, 48), tooComplex.dimensions());
        assertEquals("the JPEG has more than 100 scans (progressive passes)", tooComplex.detail());
    }

    @Test
    void aCancelledDecodeStopsAndCountsAsTooComplex() {
        Cancellation cancelled = new Cancellation();
        cancelled.request();

        var tooComplex = assertInstanceOf(ImageInspection.TooComplex.class,
                inspector.inspect(ContentType.PNG, TestImages.png(640, 480), cancelled));

        assertEquals("decoding was stopped", tooComplex.detail());
    }

    @Test
    void onlyTheFirstFrameOfAnAnimatedGifIsDecoded() {
        var readable = assertInstanceOf(ImageInspection.Readable.class,
                inspector.inspect(ContentType.GIF, HostileImages.gifWithBrokenFramesAfterTheFirst(5_000), new Cancellation()));

        assertEquals(new Dimensions(32, 32), readable.dimensions());
    }

    @Test
    void everyDecodableFormatIsMeasuredAgainstThePixelLimitFromItsHeaderAlone() {
        Map<ContentType, byte[]> bombs = Map.of(
                ContentType.JPEG, HostileImages.jpegClaiming(60_000, 60_000),
                ContentType.PNG, HostileImages.pngOfZeros(8_000, 8_000, 1_024),
                ContentType.GIF, HostileImages.gifClaiming(60_000, 60_000));

        bombs.forEach((type, bomb) -> {
            var tooLarge = assertInstanceOf(ImageInspection.TooLarge.class, inspector.inspect(type, bomb, new Cancellation()),
                    type.mimeType());
            assertTrue(tooLarge.dimensions().pixels() > MAX_PIXELS, type.mimeType());
        });
    }
}
