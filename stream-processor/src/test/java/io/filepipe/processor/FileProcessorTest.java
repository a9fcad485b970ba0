package io.filepipe.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filepipe.core.ContentSniffer;
import io.filepipe.core.FileId;
import io.filepipe.core.FileName;
import io.filepipe.core.FileRecord;
import io.filepipe.core.FileStatus;
import io.filepipe.core.KeyScheme;
import io.filepipe.core.Sha256;
import io.filepipe.core.StorageUnavailable;
import io.filepipe.core.UserId;
import io.filepipe.core.config.AwsSettings;
import io.filepipe.core.store.SweepShards;
import io.filepipe.testsupport.TestImages;
import io.filepipe.testsupport.HostileImages;
import io.filepipe.testsupport.memory.InMemoryBlobStore;
import io.filepipe.testsupport.memory.InMemoryFileStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each outcome of one processing attempt, on the in-memory stores: the logic alone, in milliseconds. */
class FileProcessorTest {

    private static final Instant UPLOADED = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant NOW = UPLOADED.plusSeconds(5);
    private static final ProcessorConfig CONFIG = new ProcessorConfig("files", "uploads", ProcessorConfig.DEFAULT_LEASE,
            ProcessorConfig.DEFAULT_IMAGE_BUDGET, ProcessorConfig.DEFAULT_MAX_IMAGE_PIXELS,
            ProcessorConfig.DEFAULT_MAX_IMAGE_BYTES, ProcessorConfig.DEFAULT_MAX_IMAGE_SCANS,
            ProcessorConfig.DEFAULT_THUMBNAIL_SIZES, SweepShards.DEFAULTS, AwsSettings.forEndpoints("us-east-1", null, null));

    private final InMemoryFileStore files = new InMemoryFileStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(CONFIG.bucket());
    private final FileProcessor processor = new FileProcessor(CONFIG, files, blobs, Clock.fixed(NOW, ZoneOffset.UTC),
            new CapturedMetrics());
    private final UserId user = new UserId("someone");

    private static StorageUnavailable transientFailure() {
        return new StorageUnavailable("throttled", null, true);
    }

    /** What the upload API stores: {@code stored} as the object, the size and SHA-256 of {@code recorded} in the item. */
    private FileRef upload(String fileName, byte[] recorded, byte[] stored) {
        FileRecord record = FileRecord.pending(user, FileId.newId(UPLOADED), FileName.of(fileName), "", recorded.length,
                ContentSniffer.sniff(recorded).mimeType(), Sha256.hex(recorded), UPLOADED);
        blobs.put(record.s3Key(), stored, record.contentType(), Sha256.of(stored));
        files.create(record);
        return new FileRef(user, record.fileId());
    }

    private FileRef upload(String fileName, byte[] content) {
        return upload(fileName, content, content);
    }

    private static byte[] text(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private FileRecord item(FileRef file) {
        return files.find(file.userId(), file.fileId()).orElseThrow();
    }

    @Test
    void anImageIsProcessedWithItsThumbnails() {
        FileRef file = upload("photo.png", TestImages.png(640, 480));

        var processed = assertInstanceOf(Outcome.Processed.class, processor.process(file));

        FileRecord item = item(file);
        assertEquals(FileStatus.PROCESSED, item.status());
        assertEquals(processed.result(), item.result());
        String prefix = KeyScheme.derivedPrefix(user, file.fileId());
        assertEquals(List.of(prefix + "thumb-128.png", prefix + "thumb-512.png"), item.result().derivedKeys());
        assertEquals(2, blobs.list(prefix, null, 10).size());
    }

    @Test
    void contentThatIsNotWhatItsNameClaimsIsRejected() {
        FileRef file = upload("holiday.jpg", TestImages.zip());

        var rejected = assertInstanceOf(Outcome.Rejected.class, processor.process(file));

        assertEquals("CONTENT_MISMATCH", rejected.reason());
        assertEquals(FileStatus.REJECTED, item(file).status());
    }

    @Test
    void anObjectOfAnotherSizeThanRecordedFails() {
        FileRef file = upload("a.txt", text("recorded"), text("stored, and longer"));

        assertInstanceOf(Outcome.Failed.class, processor.process(file));

        assertEquals("SIZE_MISMATCH", item(file).error().code());
    }

    @Test
    void anObjectWithOtherBytesOfTheSameSizeFailsTheChecksum() {
        FileRef file = upload("v.txt", text("version one"), text("version two"));

        assertInstanceOf(Outcome.Failed.class, processor.process(file));

        assertEquals(FileStatus.FAILED, item(file).status());
        assertEquals("CHECKSUM_MISMATCH", item(file).error().code());
    }

    @Test
    void aRedeliveredFileIsSkippedAsADuplicate() {
        FileRef file = upload("a.txt", text("hello"));
        processor.process(file);

        var duplicate = assertInstanceOf(Outcome.Skipped.class, processor.process(file));

        assertEquals(SkipReason.DUPLICATE, duplicate.skipReason());
        assertEquals(FileStatus.PROCESSED, duplicate.itemStatus());
        assertEquals(1, item(file).attempts());
    }

    @Test
    void aFileWithoutItemIsSkipped() {
        var skipped = assertInstanceOf(Outcome.Skipped.class, processor.process(new FileRef(user, FileId.newId(UPLOADED))));

        assertEquals(SkipReason.ITEM_MISSING, skipped.skipReason());
        assertNull(skipped.itemStatus());
    }

    @Test
    void anAttemptWhoseClaimWasTakenOverMeanwhileLeavesTheOutcomeAlone() {
        FileRef file = upload("a.txt", text("hello"));
        Instant afterLease = NOW.plus(CONFIG.lease()).plusSeconds(1);
        files.beforeNext(InMemoryFileStore.Operation.TRANSITION, () -> files.claim(user, file.fileId(), afterLease, afterLease));

        var lost = assertInstanceOf(Outcome.Skipped.class, processor.process(file));

        assertEquals(SkipReason.CLAIM_LOST, lost.skipReason());
        assertEquals(FileStatus.PROCESSING, item(file).status());
        assertEquals(2, item(file).attempts());
    }

    @Test
    void aTransientReadFailureIsRetryableWithTheClaimHandedBack() {
        FileRef file = upload("a.txt", text("hello"));
        StorageUnavailable fault = transientFailure();
        blobs.failNext(InMemoryBlobStore.Operation.OPEN, () -> fault);

        RetryableProcessingException e = assertThrows(RetryableProcessingException.class, () -> processor.process(file));

        assertSame(fault, e.getCause());
        assertEquals(FileStatus.PENDING, item(file).status());
        assertEquals(1, item(file).attempts());
        assertInstanceOf(Outcome.Processed.class, processor.process(file), "the retry claims it at once");
    }

    @Test
    void aTransientFailureToWriteTheOutcomeIsRetryableWithTheClaimHandedBack() {
        FileRef file = upload("a.txt", text("hello"));
        files.failNext(InMemoryFileStore.Operation.TRANSITION, FileProcessorTest::transientFailure);

        assertThrows(RetryableProcessingException.class, () -> processor.process(file));

        assertEquals(FileStatus.PENDING, item(file).status());
    }

    @Test
    void aTransientFailureToClaimIsRetryableAndTouchesNothing() {
        FileRef file = upload("a.txt", text("hello"));
        files.failNext(InMemoryFileStore.Operation.CLAIM, FileProcessorTest::transientFailure);

        assertThrows(RetryableProcessingException.class, () -> processor.process(file));

        assertEquals(FileStatus.PENDING, item(file).status());
        assertEquals(0, item(file).attempts());
    }

    @Test
    void aPermanentStorageFailureFailsTheFile() {
        FileRef file = upload("a.txt", text("hello"));
        blobs.failNext(InMemoryBlobStore.Operation.OPEN, () -> new StorageUnavailable("access denied", null, false));

        var failed = assertInstanceOf(Outcome.Failed.class, processor.process(file));

        assertEquals("INTERNAL_ERROR", failed.reason());
        assertEquals(FileStatus.FAILED, item(file).status());
    }

    @Test
    void aMissingObjectFailsTheFile() {
        FileRef file = upload("a.txt", text("hello"));
        blobs.delete(item(file).s3Key());

        assertInstanceOf(Outcome.Failed.class, processor.process(file));

        assertEquals("OBJECT_MISSING", item(file).error().code());
    }

    @Test
    void aJpegOfThousandsOfScansIsRejectedAsTooComplexWithItsSize() {
        FileRef file = upload("scans.jpg", HostileImages.jpegWithRepeatedScan(70, 70, 2_000));

        var rejected = assertInstanceOf(Outcome.Rejected.class, processor.process(file));

        assertEquals("IMAGE_TOO_COMPLEX", rejected.reason());
        assertEquals("the image costs too much to decode: the JPEG has more than 100 scans (progressive passes)",
                item(file).error().message());
        assertEquals(List.of(70, 70), List.of(item(file).result().width(), item(file).result().height()));
    }

    @Test
    void anImageWhoseDecodingOutlastsTheBudgetIsRejectedAsTooComplex() {
        ProcessorConfig hurried = new ProcessorConfig(CONFIG.table(), CONFIG.bucket(), CONFIG.lease(), Duration.ofMillis(20),
                CONFIG.maxImagePixels(), CONFIG.maxImageBytes(), CONFIG.maxImageScans(), CONFIG.thumbnailSizes(),
                CONFIG.sweepShards(), CONFIG.aws());
        FileProcessor processor = new FileProcessor(hurried, files, blobs, Clock.fixed(NOW, ZoneOffset.UTC), new CapturedMetrics());
        // 72 MB of 16-bit pixels to inflate from 70 KB: far more than 20 ms of work on any machine
        FileRef file = upload("flat.png", HostileImages.pngOfZeros(3_000, 3_000, 8_192));

        var rejected = assertInstanceOf(Outcome.Rejected.class, processor.process(file));

        assertEquals("IMAGE_TOO_COMPLEX", rejected.reason());
        assertEquals("decoding the image and rendering its thumbnails took longer than the budget of 20 ms",
                rejected.error().message());
        assertEquals(FileStatus.REJECTED, item(file).status());
        assertEquals(List.of(), blobs.list(KeyScheme.derivedPrefix(user, file.fileId()), null, 10));
    }
}
