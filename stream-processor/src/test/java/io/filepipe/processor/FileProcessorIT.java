package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.filepipe.testsupport.CapturedLogs;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.ProcessingResult;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.testsupport.TestImages;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What happens to each kind of file, end to end on DynamoDB Local and the S3 server. */
class FileProcessorIT {

    private static ProcessorFixture fixture;
    private static CapturedLogs logs;
    private static FileProcessor processor;

    @BeforeAll
    static void start() {
        fixture = ProcessorFixture.create();
        logs = CapturedLogs.start("stdout");
        processor = fixture.processor();
    }

    @AfterAll
    static void stop() {
        logs.close();
        fixture.close();
    }

    private static void assertThumbnail(String key, int width, int height) {
        BufferedImage thumbnail = TestImages.decode(fixture.object(key));
        assertEquals(List.of(width, height), List.of(thumbnail.getWidth(), thumbnail.getHeight()), key);
    }

    @Test
    void anImageAboveTheDecodeBudgetIsProcessedWithItsHeaderSizeAndSaysWhyItHasNoThumbnail() {
        byte[] png = TestImages.png(640, 480);
        ProcessorConfig defaults = fixture.config();
        ProcessorConfig tight = new ProcessorConfig(defaults.table(), defaults.bucket(), defaults.lease(),
                defaults.imageBudget(), defaults.maxImagePixels(), png.length - 1, defaults.maxImageScans(),
                defaults.thumbnailSizes(), defaults.sweepShards(), defaults.aws());
        FileRef file = fixture.upload("wide.png", png);

        assertInstanceOf(Outcome.Processed.class,
                new FileProcessor(tight, fixture.files, fixture.blobs, java.time.Clock.systemUTC(), fixture.metrics)
                        .process(file));

        ProcessingResult result = fixture.item(file).result();
        assertEquals(List.of(640, 480), List.of(result.width(), result.height()));
        assertEquals(List.of(), result.derivedKeys());
        assertEquals(List.of(), fixture.derivedKeys(file));
        assertTrue(result.thumbnailSkipped().contains("above the decode budget of " + (png.length - 1) + " bytes"),
                result.thumbnailSkipped());
    }

    @ParameterizedTest(name = "{0}x{1} PNG")
    @CsvSource({"64, 48, 64, 48, 64, 48", "640, 480, 128, 96, 512, 384", "1300, 2600, 64, 128, 256, 512"})
    void pngIsProcessedWithThumbnailsThatNeverUpscale(int width, int height, int smallW, int smallH, int largeW, int largeH) {
        FileRef file = fixture.upload("picture.png", TestImages.png(width, height));

        var processed = assertInstanceOf(Outcome.Processed.class, processor.process(file));

        FileRecord item = fixture.item(file);
        assertEquals(FileStatus.PROCESSED, item.status());
        assertEquals(processed.result(), item.result());
        ProcessingResult result = item.result();
        assertEquals("image/png", result.contentType());
        assertEquals(width, result.width());
        assertEquals(height, result.height());
        assertFalse(result.extensionMismatch());
        String prefix = KeyScheme.derivedPrefix(file.userId(), file.fileId());
        assertEquals(List.of(prefix + "thumb-128.png", prefix + "thumb-512.png"), result.derivedKeys());
        assertEquals(result.derivedKeys(), fixture.derivedKeys(file));
        assertThumbnail(prefix + "thumb-128.png", smallW, smallH);
        assertThumbnail(prefix + "thumb-512.png", largeW, largeH);
    }

    @ParameterizedTest(name = "{0}x{1} JPEG")
    @CsvSource({"100, 100, 100, 512", "1024, 768, 128, 512", "4000, 3000, 128, 512"})
    void jpegIsProcessedWithJpegThumbnails(int width, int height, int smallLongSide, int largeLongSide) {
        FileRef file = fixture.upload("photo.jpeg", TestImages.jpeg(width, height));

        assertInstanceOf(Outcome.Processed.class, processor.process(file));

        ProcessingResult result = fixture.item(file).result();
        assertEquals("image/jpeg", result.contentType());
        assertEquals(List.of(width, height), List.of(result.width(), result.height()));
        String prefix = KeyScheme.derivedPrefix(file.userId(), file.fileId());
        assertEquals(List.of(prefix + "thumb-128.jpg", prefix + "thumb-512.jpg"), fixture.derivedKeys(file));
        BufferedImage small = TestImages.decode(fixture.object(prefix + "thumb-128.jpg"));
        BufferedImage large = TestImages.decode(fixture.object(prefix + "thumb-512.jpg"));
        assertEquals(Math.min(smallLongSide, width), small.getWidth());
        assertEquals(Math.min(largeLongSide, width), large.getWidth());
    }

    @Test
    void gifThumbnailsArePng() {
        FileRef file = fixture.upload("anim.gif", TestImages.gif(300, 150));

        assertInstanceOf(Outcome.Processed.class, processor.process(file));

        String prefix = KeyScheme.derivedPrefix(file.userId(), file.fileId());
        assertEquals(List.of(prefix + "thumb-128.png", prefix + "thumb-512.png"), fixture.item(file).result().derivedKeys());
        assertThumbnail(prefix + "thumb-128.png", 128, 64);
    }

    @Test
    void textIsProcessedWithoutDimensionsOrThumbnails() {
        FileRef file = fixture.upload("notes.txt", "meeting notes\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));

        assertInstanceOf(Outcome.Processed.class, processor.process(file));

        ProcessingResult result = fixture.item(file).result();
        assertEquals("text/plain", result.contentType());
        assertNull(result.width());
        assertEquals(List.of(), result.derivedKeys());
        assertEquals(List.of(), fixture.derivedKeys(file));
    }

    @Test
    void pngNamedTxtIsProcessedAsAnImageAndFlagged() {
        FileRef file = fixture.upload("notes.txt", TestImages.png(200, 100));

        assertInstanceOf(Outcome.Processed.class, processor.process(file));

        ProcessingResult result = fixture.item(file).result();
        assertEquals("image/png", result.contentType());
        assertTrue(result.extensionMismatch());
        assertEquals(2, result.derivedKeys().size());
    }

    @Test
    void jpgThatIsReallyAZipIsRejectedAsAContentMismatch() {
        FileRef file = fixture.upload("holiday.jpg", TestImages.zip());

        var rejected = assertInstanceOf(Outcome.Rejected.class, processor.process(file));

        FileRecord item = fixture.item(file);
        assertEquals(FileStatus.REJECTED, item.status());
        assertEquals("CONTENT_MISMATCH", item.error().code());
        assertEquals("application/zip", item.result().contentType());
        assertTrue(item.result().extensionMismatch());
        assertEquals(rejected.error(), item.error());
        assertEquals(List.of(), fixture.derivedKeys(file));
    }

    @Test
    void truncatedImageIsRejectedAsCorrupt() {
        FileRef file = fixture.upload("cut.png", TestImages.truncated(TestImages.png(800, 600)));

        assertInstanceOf(Outcome.Rejected.class, processor.process(file));

        FileRecord item = fixture.item(file);
        assertEquals(FileStatus.REJECTED, item.status());
        assertEquals("CORRUPT_IMAGE", item.error().code());
        assertEquals(List.of(), fixture.derivedKeys(file));
    }

    @Test
    void headerClaiming30000By30000PixelsIsRejectedWithoutDecoding() {
        byte[] bomb = TestImages.pngClaiming(30_000, 30_000);
        FileRef file = fixture.upload("huge.png", bomb);

        assertInstanceOf(Outcome.Rejected.class, processor.process(file));

        FileRecord item = fixture.item(file);
        assertEquals("IMAGE_TOO_LARGE", item.error().code());
        assertEquals(30_000, item.result().width());
        assertEquals(30_000, item.result().height());
        assertTrue(bomb.length < 200, "the bomb is tiny on disk: " + bomb.length);
    }

    @Test
    void emptyObjectIsRejected() {
        FileRef file = fixture.upload("empty.txt", new byte[0]);

        assertInstanceOf(Outcome.Rejected.class, processor.process(file));

        assertEquals("EMPTY_FILE", fixture.item(file).error().code());
        assertEquals(FileStatus.REJECTED, fixture.item(file).status());
    }

    @Test
    void missingObjectFails() {
        FileRef file = fixture.itemWithoutObject("gone.png", TestImages.png(10, 10));

        var failed = assertInstanceOf(Outcome.Failed.class, processor.process(file));

        FileRecord item = fixture.item(file);
        assertEquals(FileStatus.FAILED, item.status());
        assertEquals("OBJECT_MISSING", item.error().code());
        assertNull(item.result());
        assertEquals(1, failed.attempt());
    }

    @Test
    void objectOfAnotherSizeThanRecordedFails() {
        byte[] recorded = TestImages.png(50, 50);
        FileRef file = fixture.upload("a.png", recorded, TestImages.png(60, 60), Instant.now());

        assertInstanceOf(Outcome.Failed.class, processor.process(file));

        assertEquals("SIZE_MISMATCH", fixture.item(file).error().code());
    }

    @Test
    void objectWithOtherBytesOfTheSameSizeFailsTheChecksum() {
        byte[] recorded = "version one".getBytes(StandardCharsets.UTF_8);
        FileRef file = fixture.upload("v.txt", recorded, "version two".getBytes(StandardCharsets.UTF_8), Instant.now());

        assertInstanceOf(Outcome.Failed.class, processor.process(file));

        FileRecord item = fixture.item(file);
        assertEquals(FileStatus.FAILED, item.status());
        assertEquals("CHECKSUM_MISMATCH", item.error().code());
    }

    @Test
    void permanentStorageErrorFailsTheFileWithAnInternalErrorCode() {
        FaultyBlobStore denied = new FaultyBlobStore(fixture.blobs).failOpens(1,
                () -> new StorageUnavailable("S3 GetObject failed: Access Denied", null, false));
        FileRef file = fixture.upload("a.txt", "hello".getBytes(StandardCharsets.UTF_8));

        var failed = assertInstanceOf(Outcome.Failed.class, fixture.processor(denied, Clock.systemUTC()).process(file));

        assertEquals("INTERNAL_ERROR", failed.error().code());
        assertEquals(FileStatus.FAILED, fixture.item(file).status());
        assertEquals("INTERNAL_ERROR", fixture.item(file).error().code());
    }

    @Test
    void eachFileGetsExactlyOneResultLineWithTheDocumentedFields() {
        FileRef file = fixture.upload("shot.png", TestImages.png(320, 200));

        processor.process(file);

        JsonNode line = logs.result(file.fileId());
        assertEquals("INFO", line.path("level").asText());
        assertEquals("file result", line.path("message").asText());
        assertEquals(file.fileId().value(), line.path("fileId").asText());
        assertEquals(file.userId().value(), line.path("userId").asText());
        assertEquals("PROCESSED", line.path("status").asText());
        assertEquals("image/png", line.path("contentType").asText());
        assertEquals(fixture.item(file).size(), line.path("bytes").asLong());
        assertTrue(line.path("bytes").isNumber());
        assertTrue(line.path("durationMs").isNumber());
        assertEquals(1, line.path("attempt").asInt());
        assertEquals(320, line.path("width").asInt());
        assertFalse(line.has("reason"));
        assertFalse(line.has("fileName"), "no names in the log");
    }

    @Test
    void rejectedAndFailedResultLinesNameTheirReason() {
        FileRef rejected = fixture.upload("fake.png", TestImages.zip());
        FileRef failed = fixture.itemWithoutObject("gone.txt", new byte[] {1});

        processor.process(rejected);
        processor.process(failed);

        assertEquals("CONTENT_MISMATCH", logs.result(rejected.fileId()).path("reason").asText());
        assertEquals("REJECTED", logs.result(rejected.fileId()).path("status").asText());
        JsonNode failedLine = logs.result(failed.fileId());
        assertEquals("FAILED", failedLine.path("status").asText());
        assertEquals("OBJECT_MISSING", failedLine.path("reason").asText());
        assertEquals("WARN", failedLine.path("level").asText());
    }

    @Test
    void eachFilePublishesOneEmbeddedMetricsDocument() {
        FileRef processed = fixture.upload("ok.txt", "ok".getBytes(StandardCharsets.UTF_8));
        FileRef rejected = fixture.upload("empty.txt", new byte[0]);

        processor.process(processed);
        processor.process(rejected);

        JsonNode document = single(fixture.metrics.forFile(processed));
        JsonNode directive = document.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals("filepipe", directive.path("Namespace").asText());
        assertEquals(Set.of("FilesProcessed", "ProcessingLatency"), metricNames(directive));
        assertEquals(1, document.path("FilesProcessed").asInt());
        assertTrue(document.path("ProcessingLatency").isNumber());
        assertEquals(Set.of("FilesRejected", "ProcessingLatency"),
                metricNames(single(fixture.metrics.forFile(rejected)).path("_aws").path("CloudWatchMetrics").get(0)));
    }

    @Test
    void metricsCarryTheDimensionSetTheDashboardReadsThemBy() {
        FileRef processed = fixture.upload("ok.txt", "ok".getBytes(StandardCharsets.UTF_8));

        processor.process(processed);

        JsonNode document = single(fixture.metrics.forFile(processed));
        List<String> dimensions = MetricNames.dimensions(fixture.metrics.getName());
        List<String> names = StreamSupport.stream(document.path("_aws").path("CloudWatchMetrics").get(0)
                .path("Dimensions").get(0).spliterator(), false).map(JsonNode::asText).toList();
        assertEquals(List.of(dimensions.get(0), dimensions.get(2), dimensions.get(4)), names);
        assertEquals(dimensions.get(1), document.path(dimensions.get(0)).asText());
        assertEquals(dimensions.get(3), document.path(dimensions.get(2)).asText());
    }

    private static JsonNode single(List<JsonNode> nodes) {
        assertEquals(1, nodes.size(), nodes.toString());
        return nodes.getFirst();
    }

    private static Set<String> metricNames(JsonNode directive) {
        return StreamSupport.stream(directive.path("Metrics").spliterator(), false)
                .map(metric -> metric.path("Name").asText())
                .collect(Collectors.toSet());
    }
}
