package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.Sha256;
import io.filepipe.core.UserId;
import io.filepipe.testsupport.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileInspectorTest {

    private static final int MAX_IMAGE_BYTES = 1024 * 1024;
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final FileInspector inspector = inspector(MAX_IMAGE_BYTES);
    private final ObjectScanner scanner = new ObjectScanner(MAX_IMAGE_BYTES);

    private static FileInspector inspector(int maxImageBytes) {
        return new FileInspector(new ImageInspector(50_000_000L, 100, 512), new Thumbnailer(List.of(128, 512)),
                new ImageBudget(Duration.ofSeconds(30)), maxImageBytes);
    }

    private static FileRecord recordOf(String name, byte[] data) {
        return FileRecord.pending(new UserId("user-1"), FileId.newId(NOW), FileName.of(name), "", data.length,
                ContentSniffer.sniff(data).mimeType(), Sha256.hex(data), NOW);
    }

    private Verdict inspect(FileRecord record, byte[] stored) {
        return inspector.inspect(record, scanner.scan(new ByteArrayInputStream(stored), record.size()));
    }

    @Test
    void soundImageIsAcceptedWithItsDimensionsAndThumbnails() {
        byte[] png = TestImages.png(320, 240);

        var accept = assertInstanceOf(Verdict.Accept.class, inspect(recordOf("a.png", png), png));

        assertEquals(new Dimensions(320, 240), accept.dimensions());
        assertEquals(List.of(128, 512), accept.thumbnails().stream().map(Thumbnail::size).toList());
        assertFalse(accept.extensionMismatch());
    }

    @Test
    void textIsAcceptedWithoutDimensions() {
        byte[] text = "hello\n".getBytes(StandardCharsets.UTF_8);

        var accept = assertInstanceOf(Verdict.Accept.class, inspect(recordOf("notes.md", text), text));

        assertNull(accept.dimensions());
        assertEquals(List.of(), accept.thumbnails());
    }

    @Test
    void aDifferentLengthThanRecordedFails() {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

        var fail = assertInstanceOf(Verdict.Fail.class, inspect(recordOf("a.txt", data), "hello!".getBytes(StandardCharsets.UTF_8)));

        assertEquals(ReasonCode.SIZE_MISMATCH, fail.code());
    }

    @Test
    void sameLengthButOtherBytesFailTheChecksum() {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

        var fail = assertInstanceOf(Verdict.Fail.class, inspect(recordOf("a.txt", data), "jello".getBytes(StandardCharsets.UTF_8)));

        assertEquals(ReasonCode.CHECKSUM_MISMATCH, fail.code());
    }

    @Test
    void emptyFileIsRejected() {
        var reject = assertInstanceOf(Verdict.Reject.class, inspect(recordOf("a.txt", new byte[0]), new byte[0]));

        assertEquals(ReasonCode.EMPTY_FILE, reject.code());
    }

    @Test
    void zipNamedLikeAPhotoIsRejectedAsAContentMismatch() {
        byte[] zip = TestImages.zip();

        var reject = assertInstanceOf(Verdict.Reject.class, inspect(recordOf("holiday.jpg", zip), zip));

        assertEquals(ReasonCode.CONTENT_MISMATCH, reject.code());
        assertEquals("application/zip", reject.type().mimeType());
        assertTrue(reject.extensionMismatch());
    }

    @Test
    void pngNamedLikeTextIsProcessedAsAnImageAndFlagged() {
        byte[] png = TestImages.png(64, 64);

        var accept = assertInstanceOf(Verdict.Accept.class, inspect(recordOf("notes.txt", png), png));

        assertEquals("image/png", accept.type().mimeType());
        assertTrue(accept.extensionMismatch());
        assertEquals(2, accept.thumbnails().size());
    }

    private static Verdict inspectAboveTheBudget(byte[] image, String name) {
        FileInspector strict = inspector(image.length - 1);
        ObjectScanner smallBuffer = new ObjectScanner(image.length - 1);
        return strict.inspect(recordOf(name, image), smallBuffer.scan(new ByteArrayInputStream(image), image.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif", "webp"})
    void imageFileAboveTheMemoryLimitIsAcceptedUndecodedWithTheSizeFromItsHeaderAndNoThumbnail(String format) {
        byte[] image = switch (format) {
            case "png" -> TestImages.png(640, 480);
            case "jpeg" -> TestImages.jpeg(640, 480);
            case "gif" -> TestImages.gif(640, 480);
            default -> TestImages.webpLossy(640, 480);
        };

        var accept = assertInstanceOf(Verdict.Accept.class, inspectAboveTheBudget(image, "big." + format));

        assertEquals(new Dimensions(640, 480), accept.dimensions());
        assertEquals(List.of(), accept.thumbnails());
        assertEquals("the image file is " + image.length + " bytes, above the decode budget of " + (image.length - 1)
                + " bytes: no thumbnail; its size comes from its header", accept.thumbnailSkipped());
    }

    @Test
    void imageFileAboveTheMemoryLimitClaimingTooManyPixelsIsStillRejected() {
        byte[] bomb = TestImages.pngClaiming(30_000, 30_000);

        var reject = assertInstanceOf(Verdict.Reject.class, inspectAboveTheBudget(bomb, "bomb.png"));

        assertEquals(ReasonCode.IMAGE_TOO_LARGE, reject.code());
        assertEquals(new Dimensions(30_000, 30_000), reject.dimensions());
    }

    @Test
    void imageFileAboveTheMemoryLimitWhoseHeaderIsUnreadableIsAcceptedSayingSo() {
        byte[] broken = java.util.Arrays.copyOf(TestImages.jpeg(64, 64), 40);

        var accept = assertInstanceOf(Verdict.Accept.class, inspectAboveTheBudget(broken, "cut.jpg"));

        assertNull(accept.dimensions());
        assertTrue(accept.thumbnailSkipped().endsWith("its size is not in its first 262144 bytes"),
                accept.thumbnailSkipped());
    }

    @Test
    void anImageWithinTheBudgetSaysNothingOfSkippedThumbnails() {
        byte[] png = TestImages.png(64, 64);

        var accept = assertInstanceOf(Verdict.Accept.class, inspect(recordOf("a.png", png), png));

        assertNull(accept.thumbnailSkipped());
    }

    @Test
    void decompressionBombIsRejectedWithTheClaimedSize() {
        byte[] bomb = TestImages.pngClaiming(30_000, 30_000);

        var reject = assertInstanceOf(Verdict.Reject.class, inspect(recordOf("big.png", bomb), bomb));

        assertEquals(ReasonCode.IMAGE_TOO_LARGE, reject.code());
        assertEquals(new Dimensions(30_000, 30_000), reject.dimensions());
    }

    @Test
    void truncatedImageIsRejectedAsCorrupt() {
        byte[] truncated = TestImages.truncated(TestImages.jpeg(300, 200));

        var reject = assertInstanceOf(Verdict.Reject.class, inspect(recordOf("cut.jpg", truncated), truncated));

        assertEquals(ReasonCode.CORRUPT_IMAGE, reject.code());
    }
}
